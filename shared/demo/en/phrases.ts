/** Sentences English-speaking reps write in notes and the contact log, assembled from fragments. */
import type { ContactType } from '../../domain/contact';
import type { ContactSubtype, PhraseContext } from '../locale';
import type { DemoRandom } from '../random';
import { EN_PROBLEMS } from './commerce';
import { capitalize, fillTemplate, list, type Slots } from '../text';

const SLOTS: Slots = {
  request: list(`an invoice for consumables|to move the staff training|a discount on the next order
    |a demo unit|a warranty extension|a price comparison with the competitor|a printed manual`),
  topic: list(`the delivery schedule|payment terms|the service contract|training for new staff
    |the kitchen extension|replacing the old dishwasher|the seasonal promotion|next quarter's prices|leasing`),
  agreement: list(
    `to call back|to meet on site|to run a tasting|to send a quote|to place a trial order`,
  ),
  when: list(`next week|on Monday|after the holidays|early next month|before the quarter ends|in two weeks
    |tomorrow`),
  todo: list(`prepare a quote|check stock|book the installation|send the account statement
    |pass the request to service|chase the delivery`),
  deadline: list(`Monday|Tuesday|Wednesday|Thursday|Friday|the end of the month`),
  mood: list(
    `all good|the client is relaxed|they are happy|they want to see what's new|they want it soon`,
  ),
  channel: list(`on WhatsApp|on Telegram|by email|by phone after lunch`),
  competitor: list(`KitchenPro|a local dealer|an online shop|Caterline`),
  offer: list(`10% off|a year of instalments|free delivery|loan equipment`),
  consumables: list(`water filters|dishwasher tablets|descaler|door gaskets`),
  referral: list(
    `a neighbour in the mall|a chef they know|colleagues at another site|our service engineer`,
  ),
  plan: list(`to open a second site|to upgrade the bakery line|to refit the kitchen in summer
    |to add a breakfast menu`),
  how: list(`well|tense but useful|friendly|quickly, the client was in a hurry`),
  suggestion: list(
    `reminders before maintenance is due|Saturday deliveries|video guides|paying by QR code`,
  ),
  feedback:
    list(`all good|a few questions about settings|happy with the speed|waiting for the second shift's training
    |water use is visibly down`),
  promo: list(`the new coffee machine range|the consumables discount this month|the equipment show
    |trade-in for old ovens|a free webinar for chefs`),
  area: list(`delivery times|service|ordering|paperwork|packaging`),
  occasion:
    list(`on their birthday|for the New Year|on the new site opening|on the company anniversary
    |on Chef's Day`),
  start: list(`the first of next month|the new quarter|the next delivery`),
  problem: EN_PROBLEMS.map((p) => p.charAt(0).toLowerCase() + p.slice(1)),
};

const NOTE_SENTENCES = list(`{person} asks for {request}.|We discussed {topic}.
  |{person} is interested in terms for the {item}.|The {item} runs without complaints.
  |The promise "{benefit}" held up; the client said so.|We agreed {agreement} {when}.
  |Need to {todo} by {deadline}.|Remind them about {topic} {when}.|No complaints, {mood}.
  |{person} wants a call {when}, preferably {channel}.|{competitor} offered {offer}; the client is staying with us for now.
  |They are running low on {consumables}.|We were recommended by {referral}.|They plan {plan}.
  |The meeting went {how}.|One issue: {problem}.|{person} asked about {topic}.`);

export function enNoteSentence(rng: DemoRandom, context: PhraseContext): string {
  return capitalize(fillTemplate(rng.pick(NOTE_SENTENCES), rng, SLOTS, context));
}

const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  complaint: list(
    `Complaint: {problem}.|Call from {person}: {problem}.|Complaint letter received: {problem}.`,
  ),
  suggestion: list(`{person} suggests {suggestion}.|Client suggestion: {suggestion}.`),
  seller_initiated:
    list(`Called to ask how the {item} is doing: {feedback}.|Collected feedback: {feedback}.
    |Checked satisfaction: {feedback}.`),
  marketing: list(`Told them about {promo}.|Sent the newsletter about {promo}.`),
  cooperation: list(
    `Talked through {area} to find what to improve.|{person} shared a view on {area}.`,
  ),
  friendly: list(`Congratulated them {occasion}.|Sent a thank-you letter for the partnership.
    |Invited them to the tasting for regular clients.`),
  delay: list(`Warned in advance that the {item} delivery slips by {n} days.
    |Told them honestly the installation moves by {n} days and why.`),
  price_change: list(`Announced the price rise from {start} and explained why.
    |Warned about the new price list from {start}.`),
};

export function enContactSummary(
  rng: DemoRandom,
  type: ContactType,
  subtype: ContactSubtype,
  context: PhraseContext,
): string {
  const key = subtype === 'none' ? type : subtype;
  const templates = SUMMARIES[key] ?? SUMMARIES.seller_initiated ?? [];
  return capitalize(fillTemplate(rng.pick(templates), rng, SLOTS, context));
}
