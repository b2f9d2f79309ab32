/**
 * The vocabulary of the benchmark corpus: people, places and sentence templates for
 * English news about Ukraine, Russia and Europe, written for this benchmark.
 *
 * Template slots, filled by the corpus generator:
 *   {UA} {RU} {US} {EU} {ANY}  a person of the article's cast (title and full name on first mention)
 *   {Kyiv} {city} {front} {region}  Ukrainian places (may come out in a Russian-based spelling)
 *   {euCity} {country} {agency} {day} {month} {year}
 *   {n:a-b}  an integer written plainly   {int:a-b}  an integer with thousands separators
 *   {k:a-b}  a round number of thousands   {dec:a-b}  a one-decimal number   {money}  an amount
 *   {Q}  a quotation from QUOTES
 */

export type Camp = 'UA' | 'RU' | 'US' | 'EU';

export interface Person {
  camp: Camp;
  title: string;
  first: string;
  surname: string;
  /** Other spellings AI translators produce for the surname. */
  variants: readonly string[];
}

export const PEOPLE: readonly Person[] = [
  { camp: 'UA', title: 'Ukrainian President', first: 'Volodymyr', surname: 'Zelensky', variants: ['Zelenskyy', 'Zelenskiy'] },
  { camp: 'UA', title: 'presidential chief of staff', first: 'Andriy', surname: 'Yermak', variants: ['Iermak'] },
  { camp: 'UA', title: 'Prime Minister', first: 'Yulia', surname: 'Svyrydenko', variants: ['Sviridenko'] },
  { camp: 'UA', title: 'Foreign Minister', first: 'Andrii', surname: 'Sybiha', variants: ['Sibiga', 'Sybiga'] },
  { camp: 'UA', title: 'security council secretary', first: 'Rustem', surname: 'Umerov', variants: [] },
  { camp: 'UA', title: 'Commander-in-Chief', first: 'Oleksandr', surname: 'Syrskyi', variants: ['Syrsky', 'Syrskiy'] },
  { camp: 'UA', title: 'military intelligence chief', first: 'Kyrylo', surname: 'Budanov', variants: [] },
  { camp: 'UA', title: 'Kyiv Mayor', first: 'Vitali', surname: 'Klitschko', variants: ['Klychko'] },
  { camp: 'UA', title: 'human rights commissioner', first: 'Dmytro', surname: 'Lubinets', variants: ['Lubinetz'] },
  { camp: 'UA', title: 'Energy Minister', first: 'Svitlana', surname: 'Hrynchuk', variants: ['Grinchuk'] },
  { camp: 'RU', title: 'Russian President', first: 'Vladimir', surname: 'Putin', variants: [] },
  { camp: 'RU', title: 'Kremlin spokesman', first: 'Dmitry', surname: 'Peskov', variants: [] },
  { camp: 'RU', title: 'Russian Foreign Minister', first: 'Sergei', surname: 'Lavrov', variants: [] },
  { camp: 'RU', title: 'Kremlin aide', first: 'Yuri', surname: 'Ushakov', variants: [] },
  { camp: 'RU', title: 'Russian investment envoy', first: 'Kirill', surname: 'Dmitriev', variants: ['Dmitriyev'] },
  { camp: 'RU', title: 'Foreign Ministry spokeswoman', first: 'Maria', surname: 'Zakharova', variants: [] },
  { camp: 'RU', title: 'former president', first: 'Dmitry', surname: 'Medvedev', variants: [] },
  { camp: 'RU', title: 'Russia\'s UN ambassador', first: 'Vasily', surname: 'Nebenzya', variants: ['Nebenzia'] },
  { camp: 'US', title: 'US President', first: 'Donald', surname: 'Trump', variants: [] },
  { camp: 'US', title: 'US special envoy', first: 'Steve', surname: 'Witkoff', variants: ['Vitkoff'] },
  { camp: 'US', title: 'Secretary of State', first: 'Marco', surname: 'Rubio', variants: [] },
  { camp: 'US', title: 'retired general', first: 'Keith', surname: 'Kellogg', variants: ['Kellog'] },
  { camp: 'US', title: 'Vice President', first: 'JD', surname: 'Vance', variants: [] },
  { camp: 'US', title: 'Treasury Secretary', first: 'Scott', surname: 'Bessent', variants: ['Besent'] },
  { camp: 'EU', title: 'French President', first: 'Emmanuel', surname: 'Macron', variants: [] },
  { camp: 'EU', title: 'German Chancellor', first: 'Friedrich', surname: 'Merz', variants: ['Mertz'] },
  { camp: 'EU', title: 'British Prime Minister', first: 'Keir', surname: 'Starmer', variants: [] },
  { camp: 'EU', title: 'Polish Prime Minister', first: 'Donald', surname: 'Tusk', variants: [] },
  { camp: 'EU', title: 'Hungarian Prime Minister', first: 'Viktor', surname: 'Orban', variants: ['Orbán'] },
  { camp: 'EU', title: 'EU foreign policy chief', first: 'Kaja', surname: 'Kallas', variants: ['Kalas'] },
  { camp: 'EU', title: 'European Commission President', first: 'Ursula', surname: 'von der Leyen', variants: [] },
  { camp: 'EU', title: 'NATO Secretary General', first: 'Mark', surname: 'Rutte', variants: [] },
  { camp: 'EU', title: 'Italian Prime Minister', first: 'Giorgia', surname: 'Meloni', variants: [] },
  { camp: 'EU', title: 'Serbian President', first: 'Aleksandar', surname: 'Vucic', variants: ['Vučić'] },
  { camp: 'EU', title: 'Finnish President', first: 'Alexander', surname: 'Stubb', variants: [] },
  { camp: 'EU', title: 'Slovak Prime Minister', first: 'Robert', surname: 'Fico', variants: [] },
];

/** A Ukrainian place name as the newsroom spells it, and the Russian-based spelling to avoid. */
export interface Place {
  name: string;
  russian?: string;
}

export const CAPITAL: Place = { name: 'Kyiv', russian: 'Kiev' };

export const CITIES: readonly Place[] = [
  { name: 'Kharkiv', russian: 'Kharkov' },
  { name: 'Odesa', russian: 'Odessa' },
  { name: 'Zaporizhzhia', russian: 'Zaporozhye' },
  { name: 'Mykolaiv', russian: 'Nikolaev' },
  { name: 'Dnipro', russian: 'Dnepr' },
  { name: 'Lviv', russian: 'Lvov' },
  { name: 'Chernihiv', russian: 'Chernigov' },
  { name: 'Rivne', russian: 'Rovno' },
  { name: 'Vinnytsia', russian: 'Vinnitsa' },
  { name: 'Kryvyi Rih', russian: 'Krivoy Rog' },
  { name: 'Zhytomyr', russian: 'Zhitomir' },
  { name: 'Ternopil', russian: 'Ternopol' },
  { name: 'Kherson' },
  { name: 'Poltava' },
  { name: 'Sumy' },
  { name: 'Kramatorsk' },
  { name: 'Uzhhorod', russian: 'Uzhgorod' },
];

export const FRONT_TOWNS: readonly Place[] = [
  { name: 'Pokrovsk' },
  { name: 'Kostiantynivka', russian: 'Konstantinovka' },
  { name: 'Kupiansk', russian: 'Kupyansk' },
  { name: 'Vovchansk', russian: 'Volchansk' },
  { name: 'Chasiv Yar', russian: 'Chasov Yar' },
  { name: 'Huliaipole', russian: 'Gulyaipole' },
  { name: 'Lyman', russian: 'Krasny Liman' },
  { name: 'Siversk' },
  { name: 'Toretsk' },
  { name: 'Myrnohrad', russian: 'Dimitrov' },
];

export const REGIONS: readonly Place[] = [
  { name: 'Donetsk region' },
  { name: 'Luhansk region', russian: 'Lugansk region' },
  { name: 'Zaporizhzhia region', russian: 'Zaporozhye region' },
  { name: 'Kherson region' },
  { name: 'Kharkiv region', russian: 'Kharkov region' },
  { name: 'Sumy region' },
  { name: 'Dnipropetrovsk region' },
  { name: 'Odesa region', russian: 'Odessa region' },
  { name: 'Donbas', russian: 'Donbass' },
];

export const EU_CITIES = ['Brussels', 'Paris', 'Berlin', 'Warsaw', 'London', 'Geneva', 'Istanbul', 'Riyadh', 'Rome', 'Vilnius', 'Helsinki', 'Prague', 'Budapest', 'Copenhagen', 'The Hague'];
export const COUNTRIES = ['Germany', 'France', 'Poland', 'Italy', 'Spain', 'the Netherlands', 'Sweden', 'Finland', 'Denmark', 'Norway', 'Romania', 'Lithuania', 'Estonia', 'Latvia', 'the Czech Republic', 'Slovakia', 'Hungary', 'Austria', 'Belgium', 'Portugal'];
export const AGENCIES = ['Reuters', 'AFP', 'the Associated Press', 'Bloomberg', 'Politico', 'the Financial Times', 'Ukrainska Pravda', 'Interfax-Ukraine', 'Suspilne', 'the Kyiv Independent', 'RBC-Ukraine', 'Axios', 'the Wall Street Journal', 'Der Spiegel', 'Le Monde'];
export const PHOTO_AGENCIES = ['Reuters', 'AFP', 'AP', 'EPA', 'Getty Images', 'Shutterstock', 'Ukrinform', 'President\'s Office', 'press service'];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const HEADLINES = [
  '{RU} says talks with {US} will continue next week',
  '{UA} asks allies for more air defense before winter',
  'EU agrees new sanctions package targeting Russian oil tankers',
  'Russian drones hit energy facilities in {city} overnight',
  '{EU} calls for a European security guarantee for {Kyiv}',
  'Grain exports through Black Sea ports rise to a three-year high',
  'Ukraine\'s economy grew faster than expected in the second quarter, central bank says',
  '{US} to meet Russian delegation in {euCity}',
  'Fighting intensifies near {front} as Russian forces push west',
  'Brussels weighs using frozen Russian assets to fund reconstruction',
  'Power outages return to {city} after massive missile attack',
  'Ukrainian parliament approves budget with record defense spending',
  '{EU} hosts coalition of the willing in {euCity}',
  'Kremlin rejects ceasefire proposal, demands "root causes" be addressed',
  'IMF approves new tranche for Ukraine after program review',
  'Prisoner exchange returns {n:80-390} Ukrainian soldiers home',
  '{UA} and {US} discuss minerals deal details',
  'Europe\'s gas storage falls below target as cold snap hits',
  'Hungary blocks EU statement on Ukraine accession talks',
  'Drone debris damages apartment block in {Kyiv}',
  'Ukraine evacuates families from frontline villages in {region}',
  'NATO allies pledge billions for Ukrainian drone production',
  '{RU} warns Europe against sending troops to Ukraine',
  'Refugees in {country} face uncertain future as protection status is extended',
  'Ukrainian forces strike Russian refinery with long-range drones',
  'Peace plan draft leaves key territorial questions open',
  'Inflation in Ukraine slows for a third month in a row',
  '{EU} visits {Kyiv} with new aid package',
];

export type Topic = 'diplomacy' | 'front' | 'energy' | 'economy' | 'europe' | 'aid' | 'humanitarian';

export const TOPICS: Readonly<Record<Topic, readonly string[]>> = {
  diplomacy: [
    '{US} said on {day} that the negotiations had reached a "decisive phase" but that several issues were still unresolved.',
    'According to two people briefed on the talks, the American side has proposed a phased ceasefire that would start with strikes on energy infrastructure.',
    '{RU} told reporters in Moscow that Russia was open to dialogue but would not accept any deal that ignored "the realities on the ground."',
    'The delegations met for more than five hours in {euCity}, and a joint statement is expected later this week.',
    '{UA} said Ukraine would never recognize the occupation of its territory, regardless of the pressure from its partners.',
    'Diplomats in {euCity} described the atmosphere of the meeting as "businesslike but tense."',
    'The draft framework, seen by {agency}, runs to {n:12-28} points and covers security guarantees, sanctions relief and the exchange of prisoners.',
    '{US} is expected to travel to Moscow again before the end of {month}, a spokesperson confirmed.',
    'European officials worry that Washington could agree to terms that {Kyiv} has already rejected.',
    '{EU} said Europe must have a seat at the table in any negotiations that affect the security of the continent.',
    'The Kremlin has repeatedly said that a meeting between the two presidents is possible only once a final agreement is ready to be signed.',
    'In a phone call lasting almost two hours, the leaders discussed a possible truce in the Black Sea and the return of deported children.',
    '{RU} accused European governments of trying to "sabotage" the peace process by sending more weapons to Ukraine.',
    'Ukrainian negotiators presented their own counterproposal on {day}, which includes international monitoring of any ceasefire line.',
    'The previous round of talks in {euCity} ended without a breakthrough, although both sides agreed to a large exchange of prisoners.',
    'A senior administration official said the president was "losing patience" with both sides.',
    '{UA} said the next steps had been agreed with {EU} and that a common position would be presented in the coming days.',
    'Analysts say the Kremlin is playing for time while its forces try to capture more territory in the east.',
    'The talks are being mediated by Turkey and Saudi Arabia, which have hosted several rounds since the spring of {year}.',
    'Moscow insists that any agreement must include limits on the size of the Ukrainian army and a ban on foreign troops.',
    '{ANY} declined to say whether the question of the Zaporizhzhia nuclear power plant had been discussed.',
    'The foreign ministers of the G7 are due to meet in {euCity} on {day} to coordinate their position.',
    'A spokesperson for the White House said there was "real momentum" but warned against expecting results within days.',
    'Ukraine has asked its partners for guarantees that would be binding and would not depend on the result of the next election in any country.',
    'The Russian delegation was led by {RU}, who has taken part in every round of talks since February.',
    'Officials familiar with the matter said the exchange of documents had been delayed by disagreements over the wording of the preamble.',
    'The United Nations secretary-general welcomed the talks and offered the organization\'s help with monitoring.',
    '{ANY} said the next meeting could take place in {euCity} as early as the end of {month}.',
  ],
  front: [
    'Russian forces launched {n:40-160} attacks along the front line over the past day, the General Staff said on {day}.',
    'The heaviest fighting continues near {front}, where Russian units have been trying to cut supply routes for weeks.',
    'Ukraine\'s air force said it had shot down {n:60-480} of the {n:500-620} drones launched overnight, as well as {n:2-14} cruise missiles.',
    'According to the regional governor, {n:2-19} people were injured when a guided bomb hit a residential area of {city}.',
    'Military analysts at the Institute for the Study of War said Russian troops had made small advances southwest of {front}.',
    '{UA} said the situation near {front} was "difficult but under control" and that reserves had been sent to the area.',
    'Ukrainian drones struck an oil depot in the Russian region of Bryansk, causing a large fire, local authorities said.',
    'The Russian Defense Ministry claimed to have captured a village in the {region}, which Ukrainian officials did not confirm.',
    'Russia has lost about {k:600-1100} soldiers killed and wounded since the start of the full-scale invasion, according to Ukrainian estimates.',
    'Soldiers on the front line say the biggest problem is the shortage of infantry, not a lack of ammunition.',
    'Fiber-optic drones, which cannot be jammed, have made it dangerous to move supplies even {n:15-25} kilometers behind the front.',
    'The brigade\'s commander told {agency} that his unit had held its positions for {n:3-11} months without rotation.',
    'Air raid alerts were declared across most of the country shortly after midnight.',
    'A Russian missile hit a railway station in {city} during the evacuation of civilians, killing {n:2-12} people.',
    'Ukraine has expanded the production of long-range drones and now builds more than {k:2-9} of them a month, officials say.',
    'Russian troops have intensified assaults on {front} using small groups of infantry on motorcycles.',
    'The General Staff confirmed a strike on an ammunition depot in the occupied part of the {region}.',
    'Mobile fire groups with machine guns have become the main defense against Shahed-type drones in the countryside.',
    'Local officials in {city} said the attack damaged {n:10-90} apartment buildings, a school and two kindergartens.',
    'The Russian army now controls about {dec:18.1-20.4} percent of Ukraine\'s territory, including Crimea, according to open-source estimates.',
    'Ukrainian commanders warn that Russia is preparing a new offensive in the direction of {city}.',
    'Sappers have cleared more than {k:30-180} hectares of farmland in the {region} since the beginning of the year.',
    'The navy said a Russian landing craft had been damaged near the coast of occupied Crimea.',
    '{UA} said the army would receive {n:8-30} new brigades equipped with Western armor by the end of the year.',
    'Russia has been using glide bombs weighing up to three tons against positions near {front}.',
    'Power lines to the occupied nuclear plant were cut again on {day}, forcing it to rely on diesel generators.',
  ],
  energy: [
    'The national grid operator Ukrenergo announced scheduled power cuts in {city} and {n:4-12} other regions.',
    'Ukraine has lost about {n:40-70} percent of its gas production capacity after a series of Russian strikes, the energy minister said.',
    'Naftogaz plans to import about {dec:2.5-4.8} billion cubic meters of gas before the heating season.',
    'Engineers restored power to {k:80-640} households in the {region} within {n:12-36} hours of the attack.',
    'Europe\'s gas storage was {dec:61.5-92.5} percent full at the end of {month}, below the target set by Brussels.',
    'The European Union has agreed to phase out all imports of Russian liquefied natural gas by the end of {year}.',
    'Prices on the Dutch TTF hub rose {dec:2.1-9.8} percent on {day} to their highest level in four months.',
    'Ukraine resumed electricity exports to {country} after several weeks without major attacks on the grid.',
    'The thermal power plant near {city} was hit for the {n:5-12}th time since the start of the war, its operator said.',
    'Solar panels and batteries installed at hospitals have helped keep critical services running during blackouts.',
    '{UA} said the country needed at least {n:4-9} more Patriot systems to protect its energy infrastructure.',
    'Hungary and Slovakia have asked for exemptions from the ban, arguing that they have no alternative supply.',
    'The transit of Russian gas through Ukraine stopped on January 1, ending an arrangement that had lasted decades.',
    'Energy companies in {city} have built protective structures around substations to shield them from drone debris.',
    'Households in {city} received power for only {n:6-14} hours a day during the coldest week of the winter.',
    'Oil prices fell after reports of progress in the talks, with Brent crude trading at ${dec:58.5-78.9} a barrel.',
    'Ukraine\'s nuclear power plants currently cover more than half of the country\'s electricity demand.',
    'The European Bank for Reconstruction and Development pledged {money} for emergency repairs of the grid.',
    'Imports of electricity from the EU reached a record {int:1500-2100} megawatts on {day} evening.',
    'The government asked residents to limit the use of electric heaters and washing machines during peak hours.',
    'Russian revenues from oil and gas fell by {dec:12.5-34.5} percent in the first half of the year, the finance ministry in Moscow reported.',
    'Ukrainian drones have hit more than {n:10-30} Russian refineries this year, forcing Moscow to ban gasoline exports.',
  ],
  economy: [
    'The National Bank of Ukraine kept its key interest rate at {dec:13.5-15.5} percent, citing persistent inflation risks.',
    'Consumer prices rose by {dec:9.2-15.9} percent year on year in {month}, the state statistics service said.',
    'Ukraine\'s economy is expected to grow by {dec:1.5-4.5} percent this year, slower than the government had forecast.',
    'The hryvnia weakened to {dec:41.2-44.9} per dollar on the interbank market on {day}.',
    'The budget for next year provides for defense spending of {money}, more than a quarter of the country\'s economic output.',
    'The International Monetary Fund approved a new tranche of {money} after completing its review of the program.',
    'Grain exports in the current marketing year have reached {dec:18.2-38.9} million tons, according to the agriculture ministry.',
    'The average salary in Ukraine rose to {int:21000-27500} hryvnias a month, roughly {int:500-660} dollars.',
    'Foreign direct investment remains low because companies cannot insure their assets against war risks.',
    'The World Bank estimates the cost of rebuilding Ukraine at {money} over the next decade.',
    'Unemployment fell to {dec:11.2-15.8} percent, but many companies say they cannot find enough workers.',
    'Ukraine\'s public debt has passed {dec:90.5-99.5} percent of gross domestic product, the finance ministry said.',
    'The minerals agreement with the United States creates a joint investment fund for reconstruction projects.',
    'More than {k:20-90} small businesses have relocated from the east to the western regions since {year}.',
    'Ukrainian steel output fell by {dec:5.5-22.5} percent after the loss of the last coking coal mine near {front}.',
    'The state railway carried {dec:7.5-12.5} million tons of cargo in {month}, a third of it to ports on the Danube.',
    'Farmers in the {region} say they cannot plant fields that are still contaminated by mines and shell fragments.',
    'The tax authority collected {money} in the first quarter, {dec:5.2-19.5} percent more than a year earlier.',
    'Russia\'s central bank raised its key rate to {n:16-21} percent as the war economy shows signs of overheating.',
    'Russian inflation remains close to {n:8-10} percent despite the highest interest rates in two decades.',
    'Economists at the Kyiv School of Economics estimate direct damage to infrastructure at {money}.',
    'The government plans to privatize {n:12-40} state companies next year, including a titanium producer.',
    'Remittances from Ukrainians working abroad fell for the second year in a row.',
    'Ukraine\'s trade deficit widened to {money} as imports of weapons and energy equipment grew.',
    'The European Union extended duty-free access for most Ukrainian goods, with quotas for sugar, eggs and poultry.',
  ],
  europe: [
    'EU leaders meeting in Brussels failed to agree on the use of frozen Russian central bank assets.',
    'About {money} of Russian sovereign assets are held at the Euroclear depository in Belgium.',
    '{EU} said the new sanctions package would target the shadow fleet of tankers carrying Russian oil.',
    'The European Commission proposed a loan for Ukraine of {money}, to be repaid only if Russia pays reparations.',
    'Hungary has blocked the opening of the first cluster of accession negotiations for the {n:4-9}th time.',
    'Several countries, including {country} and {country}, said they were ready to send troops to Ukraine after a ceasefire.',
    'The coalition of the willing now includes more than {n:26-33} countries, most of them European.',
    '{EU} warned that Russia could test NATO\'s resolve within the next {n:3-5} years.',
    'Defense spending across the European Union is set to rise to {money} this year, according to the European Defense Agency.',
    'Drones of unknown origin were spotted over airports in {country}, forcing flights to be suspended for several hours.',
    'The European Parliament adopted a resolution calling for a special tribunal for the crime of aggression.',
    'Polish officials said they would complete the fortification of the border with Belarus by the end of {year}.',
    '{EU} said Europe had given Ukraine more military and financial aid than the United States since {year}.',
    'The Baltic states have closed most of their border crossings with Russia and Belarus.',
    'A poll published in {country} showed that {n:52-71} percent of respondents support continued aid to Ukraine.',
    'Farmers in {country} blocked roads near the Ukrainian border in protest against grain imports.',
    'NATO allies agreed to raise their defense spending target to {n:3-5} percent of gross domestic product.',
    'The German government approved a plan to deliver additional air defense systems by the end of {month}.',
    'Moldova\'s pro-European government accused Moscow of funding protests and buying votes.',
    '{EU} said the accession talks with Ukraine and Moldova should move forward together.',
    'Slovakia\'s government has ended state military aid to Ukraine but allows private companies to sell weapons.',
    'The new sanctions would also restrict exports of dual-use goods through third countries such as {country}.',
    'European intelligence services report a rise in sabotage attempts on railways and power lines.',
    '{EU} met {UA} on the sidelines of the summit in {euCity}.',
  ],
  aid: [
    'The latest military aid package includes artillery ammunition, armored vehicles and spare parts for air defense systems.',
    '{country} will provide Ukraine with {money} in military assistance next year, the defense ministry said.',
    'Under the new scheme, European allies buy American weapons and transfer them to Ukraine.',
    'Ukraine has received {n:12-60} F-16 fighter jets from its partners so far, although not all of them are in service.',
    'The first batch of {n:18-48} self-propelled howitzers arrived in Ukraine in {month}, officials said.',
    'Ukrainian defense companies now produce about {n:35-60} percent of the weapons used by the army.',
    '{EU} announced a joint procurement of {k:200-800} artillery shells with several partners.',
    '{US} said Washington would continue to share intelligence with Ukraine for the time being.',
    'The Danish model, in which partners finance production at Ukrainian factories, has been adopted by {n:6-14} countries.',
    'Deliveries of interceptor missiles have been slowed by the limited production capacity of the manufacturers.',
    'The Ramstein group of Ukraine\'s allies met at NATO headquarters on {day} to coordinate new deliveries.',
    'Since the start of the full-scale invasion, Ukraine has received more than {money} in financial aid.',
    '{UA} thanked {country} for its latest package, which includes {n:2-6} air defense systems.',
    'A consortium of European companies will build an ammunition plant in western Ukraine.',
    'Training of Ukrainian pilots and engineers continues in {country} and Romania.',
    'The aid package also includes {k:10-95} rounds of small arms ammunition and winter equipment.',
    'Ukrainian engineers have adapted Soviet-era launchers to fire Western missiles.',
    'The government expects the European Union\'s Ukraine Facility to cover about a third of next year\'s budget gap.',
    'Ukraine is seeking to buy {n:10-25} Patriot systems worth about {money}.',
    'Donors at the recovery conference in {euCity} pledged {money} for housing, energy and demining.',
  ],
  humanitarian: [
    'More than {dec:3.2-4.1} million people remain internally displaced in Ukraine, according to the United Nations.',
    'About {dec:4.1-6.8} million Ukrainian refugees are registered in Europe under temporary protection.',
    'Volunteers in {city} distribute hot meals and medicine to elderly residents who refused to leave.',
    'The evacuation of families with children from {n:12-45} villages in the {region} has been made mandatory.',
    'Ukraine says Russia has deported more than {k:19-20} children from the occupied territories since {year}.',
    '{n:80-390} Ukrainian prisoners of war returned home on {day} in an exchange mediated by the United Arab Emirates.',
    'Doctors in {city} operated in the basement of the hospital for three days while the power was out.',
    '{UA} said the bodies of {n:500-1000} fallen soldiers had been repatriated to Ukraine.',
    'Schools in {city} now hold classes in underground shelters built with money from international donors.',
    'The UN human rights monitoring mission recorded {n:150-320} civilian deaths in Ukraine in {month}.',
    'Aid groups warn that humanitarian funding for Ukraine has fallen by almost half compared with {year}.',
    'A shelter for displaced families opened in {city} with space for {n:120-480} people.',
    'The Red Cross said it had delivered generators and blankets to {n:20-75} communities near the front line.',
    'Residents of {city} spent the night in metro stations and basements as explosions shook the city.',
    'Psychologists say that children who have lived through the occupation need long-term support.',
    'Rescuers pulled {n:3-9} people from the rubble of a five-story building in {city}.',
    'The authorities in {city} extended the curfew after a night of heavy drone attacks.',
    'Landmines and unexploded shells have killed or injured more than {n:250-400} civilians this year.',
    'Returnees to {city} say the biggest problem is finding work, not rebuilding their homes.',
    'A mobile hospital funded by {country} started working in the {region} on {day}.',
  ],
};

/** Quotations used by the quotation templates. */
export const QUOTES = [
  'We are ready for a ceasefire, but not for a capitulation',
  'Nobody in Europe should think that this war is far away',
  'The ball is now in Moscow\'s court',
  'Every day of delay costs lives on the front line',
  'Without air defense, our cities are defenseless against ballistic missiles',
  'We will not trade territory for promises',
  'Sanctions are working, and we will keep tightening them',
  'This is not a peace plan, it is a list of Russian demands',
  'Our soldiers are holding the line, but they need more people and more equipment',
  'The security of Ukraine is the security of Europe',
  'We have made progress, but there is still a lot of work to do',
  'Russia must pay for the damage it has caused',
  'There can be no decisions about Ukraine without Ukraine',
  'The situation is difficult, but it is not hopeless',
  'We need guarantees that work, not signatures on paper',
  'The winter will be hard, but we have prepared better than last year',
  'I do not believe that the Kremlin wants peace right now',
  'The talks were constructive, and we agreed to meet again',
  'Europe must learn to defend itself',
  'We expect concrete steps, not statements',
  'Our partners understand what is at stake',
  'The economy has adapted to the war, but the war is not over',
];

export const QUOTE_TEMPLATES = [
  '"{Q}," {ANY} said.',
  '"{Q}," said {ANY}.',
  '{ANY} said: "{Q}."',
  '"{Q}," {ANY} told {agency}.',
  '"{Q}," {ANY} wrote on social media on {day}.',
  'Speaking in {euCity}, {ANY} said: "{Q}."',
  '"{Q}. {Q}," {ANY} said in a video address.',
  '"{Q}," {ANY} told reporters after the meeting.',
];

/** Short standfirsts that open an article under its headline. */
export const LEADS = [
  'The meeting comes as Washington presses both sides to agree on a truce before the end of {month}.',
  'Officials say the decision could change the course of negotiations that have stalled for months.',
  'The attack was one of the largest since the start of the year, local authorities said.',
  'Economists warn that the figures hide large differences between regions.',
  'The move has divided European capitals and drawn sharp criticism from Moscow.',
  'Residents say they are preparing for another difficult winter.',
  'The announcement follows weeks of pressure from allies and from Ukrainian lawmakers.',
  'Both sides describe the talks as useful, but neither has given ground on the main issues.',
];

/** Lines scrapers carry over from the news site's page around the article. */
export const RESIDUE = {
  counter: ['{n:900-19999} views {n:0-99} comment(s)', '{n:900-19999} views', 'Views: {n:900-19999}', '{n:0-99} comment(s)'],
  caption: ['{PERSON}, Photo: {photo}', 'Photo: {photo}', 'Illustrative photo: {photo}', '{PERSON}. Photo: {photo}'],
  disclaimer: [
    'Disclaimer: This text was translated by a machine and may contain mistakes.',
    'Note: Automatic translation. The original article is in Ukrainian.',
    'This article was translated with the help of artificial intelligence.',
  ],
  inline: ['Bonus video:', 'Read also: {HEADLINE}', 'Follow us on Telegram', 'Share this article', 'Subscribe to our newsletter', 'Advertising', 'Video:'],
};

/** Passages left in the source language by the translator. */
export const CYRILLIC_SENTENCES = {
  ru: [
    'Переговоры продолжатся на следующей неделе, сообщили источники в администрации.',
    'По данным местных властей, в результате удара пострадали четыре человека.',
    'Министр заявил, что правительство готовит новый пакет помощи для пострадавших регионов.',
    'Эксперты считают, что цены на газ в Европе останутся высокими до конца зимы.',
    'Глава делегации отказался комментировать детали возможного соглашения.',
    'В городе объявлена воздушная тревога, жителей призывают оставаться в укрытиях.',
    'Спасатели работали на месте обрушения всю ночь.',
  ],
  uk: [
    'Переговори тривають, але сторони поки не дійшли згоди щодо ключових питань.',
    'За словами голови обласної адміністрації, енергетики вже відновили живлення більшості будинків.',
    'Уряд ухвалив рішення про додаткове фінансування ремонту шкіл і лікарень.',
    'Прикордонники повідомили про збільшення черг на пунктах пропуску.',
    'Експерти прогнозують зростання експорту зерна через морські порти.',
    'Президент подякував партнерам за підтримку та нові пакети допомоги.',
    'Рятувальники витягли з-під завалів трьох людей.',
  ],
};
