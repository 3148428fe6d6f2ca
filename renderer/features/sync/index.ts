/** What other features use of sync: the team's people (names for ids, the signed-in account). */
export { useTeamOnDevice } from './data/useTeam';
export { OwnerName } from './OwnerName';
