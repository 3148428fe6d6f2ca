/** What other features use of sync: the team's people (names for ids, the signed-in account). */
export { useTeamOnDevice, type TeamOnDevice } from './data/useTeam';
export { OwnerName } from './OwnerName';
