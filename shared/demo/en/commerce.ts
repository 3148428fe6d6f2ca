/** The English words of the trade: roles, tags, promises, problems and plans. */
import { list } from '../text';

export const EN_ROLES =
  list(`Owner|Managing director|General manager|Head chef|Sous chef|Kitchen manager
  |Chief engineer|Procurement manager|Finance director|Accountant|Operations manager|Head barista
  |Store manager|Facilities manager`);

export const EN_TAGS =
  list(`wholesale|chain|HoReCa|retail|VIP|dealer|public sector|bakery|coffee shop
  |canteen|regional|new|referral|leasing`);

export const EN_INTERESTS =
  list(`sailing|supports Arsenal|skiing|gardening|golf|chess|hiking in Scotland
  |collects single-origin coffee|marathon running|fishing|theatre|wine and food|classic cars|local history`);

export const EN_PERSONAL_NOTES = list(`Never call before 10 am.|Prefers messages to calls.
  |Decides only after the owner signs off.|Values punctuality above everything.
  |Likes detailed payback calculations.|Keeps it formal; first names only after a few meetings.
  |Always asks for a discount, then buys at list price.|Drinks only green tea.|Usually on holiday in August.
  |Email works better than phone.|Likes samples brought to the kitchen.`);

export const EN_BENEFITS = list(`Up to 30% lower energy bills|Pays for itself within 12 months
  |Cooking time cut in half|Free staff training|Consistent baking quality every batch
  |Less manual work at the dish station|Service within 24 hours of a call|Lower water and detergent use
  |40% more kitchen throughput|Loan equipment during repairs|Three-year warranty|Staff learn it in a day
  |Less food waste`);

export const EN_PROBLEMS =
  list(`Combi oven shows error E34 when cleaning starts|Coffee machine leaks under the group head
  |Fridge door was dented in delivery|Water filter kit missing from the order|Dishwasher leaves grease on plates
  |Dough mixer is noisy and runs hot|Invoice issued with the wrong company details
  |Installation was rescheduled without notice|Staff training has not happened yet
  |Scales read wrong after the move|Consumables delivery is late`);

export const EN_PROBLEM_OWNERS =
  list(`Service team|Logistics|Accounts|Tom (service engineer)|Warehouse
  |Head of sales|Application chef`);

export const EN_CHURN_COMMENTS =
  list(`Moved to a cheaper competitor|Unhappy with service response times
  |New owner brought their own supplier|We missed two delivery dates|Could not reach us when it mattered
  |Competitor offered better leasing terms`);

export const EN_RETENTION_CAUSES = list(`Two late deliveries in a row broke their trust
  |The rep rarely called; the client felt forgotten|Service engineer arrived three days late
  |A competitor offered 15% off|Price rise was not explained in advance`);

export const EN_RETENTION_ACTIONS = list(`Meet the owner in person and apologise
  |Three months of free maintenance|Assign a named service engineer|Offer a flexible discount on consumables
  |Invite to the new range tasting|Weekly call for a month|Prepare a cost comparison with the competitor
  |Send a card for the company anniversary`);

export const EN_FOLLOW_UP_TITLES =
  list(`Call about the new price list|Send a quote|Bring detergent samples
  |Agree a training date|Check how the equipment runs|Remind about the service contract renewal`);

export const EN_SERVICE_NOTES =
  list(`Quarterly maintenance|Twice-yearly maintenance, 24-hour call-out
  |Includes consumables|Diagnostics only, parts charged`);

export const EN_POSTPONED_STEPS =
  list(`Send a leasing quote|Owner to approve|Wait for next year's budget
  |Demo in our test kitchen|Recalculate with delivery`);

export const EN_LOST_REASONS =
  list(`Chose a cheaper option|No budget this year|Bought from their current supplier
  |Opening postponed`);

export const EN_CLIENT_NOTES =
  list(`Open from 8 am; deliveries before 11 only.|Lorries use the rear yard; book a slot.
  |Purchasing goes through the owner.|Pays on 14-day terms.|Plans a second site next year.
  |Seasonal trade, busiest in summer.|Kitchen is upstairs with no goods lift.`);
