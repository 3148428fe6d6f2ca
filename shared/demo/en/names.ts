/** English names, companies, addresses and phone numbers (fictional ranges where one exists). */
import type { DemoRandom } from '../random';
import type { Gender, PersonName } from '../locale';
import { list, pairs } from '../text';

const MALE =
  list(`James|John|Robert|Michael|William|David|Richard|Thomas|Daniel|Matthew|Andrew|Mark|Paul
  |Steven|George|Edward|Oliver|Harry|Jack|Samuel|Benjamin|Lucas|Ethan|Noah|Liam|Owen|Patrick|Connor`);
const FEMALE =
  list(`Mary|Emma|Olivia|Sophia|Charlotte|Amelia|Emily|Grace|Hannah|Chloe|Lucy|Sarah|Laura
  |Rachel|Rebecca|Jessica|Megan|Anna|Kate|Isabel|Alice|Claire|Fiona|Helen|Julia|Natalie|Zoe|Abigail`);
const SURNAMES =
  list(`Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore
  |Martin|Jackson|Thompson|White|Harris|Clark|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Green
  |Baker|Adams|Nelson|Hill|Campbell|Mitchell|Roberts|Carter|Phillips|Evans|Turner|Parker|Collins|Edwards
  |Stewart|Morris|Murphy|Cook|Rogers|Morgan|Cooper|Peterson|Reed|Bailey|Bell|Kelly|Howard|Ward|Cox
  |Richardson|Wood|Watson|Brooks|O'Brien|MacLeod|Novak|Schmidt|Rossi`);
const CHILDREN =
  list(`Emily|Jack|Lily|Max|Sophie|Leo|Mia|Oscar|Ella|Finn|Ruby|Charlie|Isla|Alfie|Freya
  |Theo|Poppy|Archie|Rosie|Henry`);

export function enPersonName(rng: DemoRandom, gender?: Gender): PersonName {
  const g = gender ?? (rng.chance(0.5) ? 'm' : 'f');
  const first = rng.pick(g === 'm' ? MALE : FEMALE);
  const last = rng.pick(SURNAMES);
  return { gender: g, first, last, full: `${first} ${last}`, listed: `${last}, ${first}` };
}

export function enChildName(rng: DemoRandom): string {
  return rng.pick(CHILDREN);
}

const ADJECTIVES =
  list(`Blue|Golden|Northern|Riverside|Old Town|Green|Silver|Harbor|Maple|Oak|Red Brick
  |Copper|Hillside|Sunny|Lakeside|Stone|Bright|Wild Thyme|Corner|Union`);
const NOUNS =
  list(`Bakery|Kitchen|Grill|Coffee House|Bistro|Foods|Catering|Market|Diner|Brewhouse|Hotel
  |Deli|Pizzeria|Tea Rooms|Canteen|Patisserie|Roasters|Steakhouse`);
const FORMS = list('Ltd|LLC|Inc.|Co.|Group');

export function enCompanyName(rng: DemoRandom, owner: PersonName): string {
  const roll = rng.int(0, 9);
  if (roll === 0) return `${owner.last} & Sons ${rng.pick(NOUNS)}`;
  if (roll === 1) return `${owner.first}'s ${rng.pick(NOUNS)}`;
  const name = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  return rng.chance(0.6) ? `${name} ${rng.pick(FORMS)}` : name;
}

/** City, postcode pattern and the phone area prefix used there. */
const CITIES =
  pairs(`London/SE1 7PB|Manchester/M1 1AE|Leeds/LS1 4DY|Bristol/BS1 5TR|Edinburgh/EH1 1YZ
  |Boston, MA/02108|Chicago, IL/60601|Austin, TX/73301|Denver, CO/80202|Portland, OR/97201|Dublin/D02 X285`);
const STREETS =
  list(`High Street|Station Road|Church Lane|Market Square|King Street|Mill Road|Park Avenue
  |Main Street|Elm Street|Harbour Way|Victoria Road|Bridge Street|Queen Street|Canal Street`);

export function enAddress(rng: DemoRandom): string {
  const [city, postcode] = rng.pick(CITIES);
  const unit = rng.chance(0.3) ? `Unit ${rng.int(1, 40)}, ` : '';
  return `${unit}${rng.int(1, 240)} ${rng.pick(STREETS)}, ${city} ${postcode}`;
}

/** UK drama numbers (07700 900xxx) and US 555-01xx numbers are reserved for fiction. */
export function enPhone(rng: DemoRandom): string {
  const tail3 = String(rng.int(0, 999)).padStart(3, '0');
  const tail2 = String(rng.int(0, 99)).padStart(2, '0');
  switch (rng.int(0, 4)) {
    case 0:
      return `+44 7700 900${tail3}`;
    case 1:
      return `07700 900${tail3}`;
    case 2:
      return `+1 (${rng.pick(['415', '312', '617', '512'])}) 555-01${tail2}`;
    case 3:
      return `+1 ${rng.pick(['303', '503', '212'])}-555-01${tail2}`;
    default:
      return `+44 20 7946 0${tail3}`;
  }
}

export function enEmailLocalPart(person: PersonName, rng: DemoRandom): string {
  const first = person.first.toLowerCase();
  const last = person.last.toLowerCase().replace(/[^a-z]/g, '');
  switch (rng.int(0, 3)) {
    case 0:
      return `${first}.${last}`;
    case 1:
      return `${first.charAt(0)}${last}`;
    case 2:
      return first;
    default:
      return `${first}${rng.int(1, 99)}`;
  }
}

export function enEmailDomain(company: string | null, rng: DemoRandom): string {
  if (company === null) return rng.pick(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com']);
  const base = company
    .toLowerCase()
    .replace(/\b(ltd|llc|inc|co|group)\b\.?/g, '')
    .replace(/[^a-z0-9]+/g, '');
  return `${base || 'company'}.${rng.pick(['com', 'co.uk', 'net', 'com'])}`;
}
