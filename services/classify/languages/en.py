"""English: the words of the English table, and the English grammar its reader uses.

English is read in every item, whatever its language: acronyms, weapon names and
agencies appear in English in Korean and Japanese text as well. Patterns run on text
that has already been unescaped and folded (full-width ASCII to ASCII, curly quotes to
straight), so they only need to cover one spelling of each character.
"""

from __future__ import annotations

import re

from schemas.places import FACILITY_NAMES
from services.classify.fastpattern import compile_fast
from services.classify.languages.quantities import APPROX, QUANT, QUANT_ALT
from services.classify.languages.table import LanguageTable, SharedWords

_I = re.IGNORECASE


# --- weapons ------------------------------------------------------------------------

# Named systems. A name alone is a weapon mention; extractor.py decides what class a name
# implies. "Rodong" is a missile except when it is the party daily.
NAMED_SYSTEMS = (
    r"Hwasong(?:pho)?[- ]?\d+\w*|Hwasal[- ]?\w*|Pulhwasal[- ]?[\w-]*|Padasuri(?:[- ]?\d+)?|KN-?\d{2}"
    r"|Pukguksong(?:[- ]?\d+)?|Musudan|(?:Rodong|Nodong)(?![- ](?:Sinmun|Shinmun))|Taepodong(?:[- ]?\d+)?"
    r"|Scuds?|Chollima(?:[- ]?\d+)?|Unha(?:[- ]?\d+)?|Kwangmyongsong|Malligyong(?:[- ]?\d+)?"
    r"|Shahab(?:[- ]?\d+)?|Sejjil|Ghadr|Qadr|Qader|Emad|Kheibar(?: Shekans?)?|Khorramshahr|Fattah(?:[- ]?\d+)?"
    r"|Fateh(?:[- ]?\d+)?|Zolfaghar|Dezful|Simorgh|Safir|Qaem(?:[- ]?\d+)?|Soumar|Hoveyzeh|Paveh|Burkan(?:[- ]?\d+)?"
    r"|Zulfiqar|Qassams?|Kassams?|Kornets?|Katyushas?|Grad rockets?|Falaq(?:[- ]?\d+)?|Iskanders?|Kinzhals?|Kalibrs?|Klub|Zircon|Tsirkon"
    # "Grad volley", "Neptune strikes": a system named without its weapon word (not "Grad
    # students", not the planet).
    r"|Grads?(?= (?:volleys?|salvos?|barrages?|launchers?|systems?|MLRS|hit|hits|struck|slam(?:s|med)?|rain(?:s|ed)?"
    r"|pound(?:s|ed)?))"
    r"|Neptunes?(?= (?:missiles?|cruise|anti-ship|strikes?|struck|hits?))"
    r"|Kh-\d+\w*|Oreshnik|Sarmat|Yars|Bulava|Topol[- ]?M?|Avangard|RS-\d+\w*|Minuteman(?: ?III| ?3)?"
    r"|Trident(?: ?II| ?2| ?D5)?|Tomahawks?|ATACMS|Storm Shadows?|SCALPs?|Agni[- ]?\w*|Prithvi[- ]?\w*"
    # (Dongfeng by its number: alone, it is a carmaker too.)
    r"|BrahMos|Nirbhay|Shaheen[- ]?\w*|Ghauri|Ghaznavi|Babur|Ababeel|Hatf[- ]?\w*|Dong ?Feng[- ]?\d+"
    r"|DF-\d+\w*|JL-\d+\w*|YJ-\d+\w*|Jericho(?: ?\d)?|M51|Hyunmoo(?:[- ]?\d+)?|Astra missile|Abdali|Ra'ad|Taimur|Fatah[- ]?\w*|Tayfun|Bora|Hsiung Feng[- ]?\w*|Sky Bow|PrSM"
    r"|HIMARS|GMLRS|Tornado-[SG]|Smerch|Uragan|BM-(?:21|27|30)|RM-70|Fadi[- ]?\d|Falaq[- ]?\d|Toufan|Palestine[- ]?2|Quds[- ]\d"
    # (An air-launched missile by its designation: "AGM-183A", "AGM-158 JASSM".)
    r"|Dark Eagle|LRHW|ARRW|AGM-\d+\w*|JASSM(?:-ER)?|Burevestnik|Tochka(?:-U)?|Onyx|Oniks|Neptune(?= (?:cruise |anti-ship )?missiles?)|K-[45](?= (?:SLBM|missile|ballistic))"
    r"|S-[34]00s?(?= (?:missiles?|slam(?:med)?|struck|hit|hits|strikes?|rained))"
    r"|Nasr|Ghaznavi|Tien Kung[- ]?\w*|Akash(?:-NG)?|Arrow[- ]?[234]|David's Sling|SM-[236]"
    # (Not an interceptor drone, which is a drone.)
    r"|interceptors?(?: missiles?)?(?![- ](?:drones?|UAVs?|jets?|aircraft|planes?|fighters?))"
)

WEAPONS = compile_fast(
    r"\b(?:(?:ballistic|cruise|hypersonic)[- ]missiles?"
    # A hypersonic weapon is a missile or a glide vehicle a missile carries.
    r"|hypersonic (?:weapons?|glide vehicles?)"
    r"|missiles?"
    # The word's commonest misspelling in copy filed in haste ("missles").
    r"|missles?"
    r"|(?:ICBM|IRBM|MRBM|SRBM|SLBM|CRBM|SLCM|SLV)s?"
    r"|rockets?(?![- ](?:force|forces|engines?|motors?|scientists?|launchers?|man|league|lab|shaped|like|style|powered|science|ship"
    r"|fast|quick|speed|fuell?ed|mortgage|companies))"
    # "six rounds from its 600mm rocket launchers": a rocket launcher's rounds are rockets.
    r"|rounds?(?= (?:from|of) (?:(?:its|their|the|a|an)\s+)?(?:[\w'’&;-]+\s+){0,3}(?:multiple[- ])?rocket launch(?:ers?|ing systems?))"
    r"|projectiles?|MLRS|multiple[- ]launch rocket systems?|multiple[- ]rocket (?:launchers?|launch systems?)|MIRV"
    # A launcher by its calibre or size fires rockets of a class ("600mm rocket launchers").
    r"|(?:\d{3}[- ]?mm|super[- ]large|large[- ]calibre|large[- ]caliber)\s+(?:multiple[- ])?rocket launch(?:ers?|ing systems?)"
    r"|(?:carrier|space) rockets?|(?:satellite|space)[- ]launch(?:ing)? vehicles?|space vehicles?|satellite[- ]carrying rockets?"
    r"|(?:military |spy |reconnaissance )*satellites?"
    # A spaceplane is a satellite that lands again: the satellite rules decide whose it is.
    r"|space ?planes?"
    rf"|{NAMED_SYSTEMS})\b",
    _I,
)

# "missile engine", "missile factory", "missile memo": the weapon word names something else.
WEAPON_AS_MODIFIER = compile_fast(
    # A product named after one: "launches 'Rocket S1' electric scooter".
    # (A model's code may stand between, inside the name's quotes.)
    r"(?:(?:\s+[\w-]{1,6})?['’\"])?\s+(?:electric\s+)?(?:e-)?(?:scooters?|bikes?|motorcycles?|laptops?|tablets?"
    r"|sneakers?|headphones?|earbuds?|consoles?|vacuums?|beers?|energy drinks?)\b|"
    # ("Sohae satellite launching ground": a place.)
    r"[- ](?:launch(?:ing)?[- ](?:grounds?|stations?|sites?|pads?|complex|facilit(?:y|ies)|cent(?:er|re)s?)"
    r"|engines?|motors?|launchers?|factor(?:y|ies)|production|programm?es?|parts|debris|wreckage|components?"
    # ... a stage's motor: "test-fires Sentinel ICBM stage-one motor".
    r"|(?:stage[- ](?:one|two|three|\d)|(?:first|second|third|upper|booster)[- ]stage)[- ](?:engines?|motors?)"
    r"|technology|bases?|sites?|silos?|storage|defen[cs]es?|shields?|interceptors?|makers?|industry|maker|carriers?"
    # A ship that carries them: "launches first F-110 missile frigate".
    r"|frigates?|destroyers?|cruisers?|corvettes?|boats?|submarines?"
    r"|warning(?! of)|warnings|alerts?|tracking|detection"
    r"|images?|imagery|photos?|pictures|data|dish(?:es)?|tv|television|phones?|internet|navigation|operators?"
    r"|themed|memos?|documents?|papers|leaks?|deals?|contracts?|talks|treat(?:y|ies)|budgets?|funding|sales|exports?"
    r"|shipments?|deliveries|stocks?|stockpiles?|arsenals?|inventor(?:y|ies)|output|gap|race|crisis|diplomacy|polic(?:y|ies)|experts?|scientists?"
    r"|researchers?|analysts?|designers?|scandal)\b"
    # A simile: "a missile-fast chip", "rocket-quick delivery".
    r"|-(?:fast|quick)\b",
    _I)

# Rockets after fireworks in their sentence are fireworks: "Fireworks display goes wrong as
# rockets shoot into the crowd" (not "Hamas fires rockets as Israelis set off fireworks").
FIREWORKS = compile_fast(r"\b(?:fireworks?|firecrackers?|pyrotechnic\w*)\b", _I)

# Rockets that are no weapon, by the word before them: a ship's distress rockets, a
# hobbyist's model rocket, rockets fired into storm clouds against hail, fireworks, a simile.
NOT_A_WEAPON_BEFORE = re.compile(
    r"\b(?:distress|signal|flare|model|hobby|toy|water|bottle|anti-hail|hail|weather|firework|amateur"
    # The feasts that fire them: "Diwali rockets", "New Year's Eve rockets".
    r"|diwali|deepavali|new year(?:'s|’s)?(?: eve)?|hogmanay|bonfire night|guy fawkes|fourth of july|july 4(?:th)?"
    r"|festival|festive|celebratory"
    # A shot in sport by its length: "a 30-yard missile into the top corner".
    r"|like(?: a)?|\d+-yard)\s+$", re.I)


# --- launch, test and impact ---------------------------------------------------------

# Whom "fire" dismisses: a person, not a weapon.
_DISMISSED_AFTER = (r"(?!\s+(?:(?:the|their|its|his|her|a)\s+)?(?:head|coach(?:es)?|manager|CEO|chief executive|GM"
                    r"|general manager|president|director|staff|employees|workers|officials?|spokes(?:man|woman|person))\b)")

# "launch" as part of a facility or system name is not an act of launching.
_NOT_LAUNCH_AFTER = (
    r"(?![- ](?:infrastructure|sites?|pads?|stations?|facilit\w+|windows?|ceremon\w+|events?|preparations?"
    r"|platforms?|complex|cent(?:er|re)s?|grounds?|vehicles?|rocket system|tubes?|systems?|control))"
)

# Missiles counted as destroyed in flight: "air defences destroyed seven Ukrainian missiles",
# "it had destroyed 27 of the 34 ... missiles" (not "destroyed two missile depots").
DESTROYED_IN_FLIGHT = (
    r"destroy(?:s|ed)(?=\s+(?:all\s+|most\s+|\d+\s+of\s+(?:the\s+)?)?(?:\d+|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|dozens of|several|both)\s+(?:[\w-]+\s+){0,4}?(?:missiles?|rockets?)\b"
    r"(?![- ](?:depots?|launch\w*|sites?|factor\w*|stor\w*|production|bases?|systems?|plants?|warehouses?|stockpiles?"
    r"|parts|boats?|ships?|units?|batter\w*|arsenals?|caches?|components?|workshops?|carriers?)))"
)

LAUNCH_VERBS = compile_fast(
    r"(?<!multiple )(?<!multiple-)"
    # (Not the second half of an adjective: "air-launched missiles", "rapid-fire".)
    r"(?<![a-z]-)"
    # (Nor "fire" after a possessive, a noun: "Ukraine's Fire Point says ..."; nor one that
    # dismisses a person: "Rockets fire head of player development".)
    r"\b(?:test[- ]?)?(?:(?:(?<!'s )(?<!’s )(?<!static )(?<!hot )fir(?:e|es)|fir(?:ed|ing))" + _DISMISSED_AFTER
    + r"|launch(?:es|ed|ing)?" + _NOT_LAUNCH_AFTER
    + r"|shot|shoots?"
    r"|lob(?:s|bed|bing)?|hurl(?:s|ed|ing)?|unleash(?:es|ed|ing)?|blast(?:s|ed)? off|lift(?:s|ed|ing)? off"
    # "US submarine rained two dozen Tomahawks on Isfahan" (not the weather's "heavy rains").
    r"|rain(?:ed|ing)(?: down)?|rains? down"
    # ("intercept test": a noun, the test's kind.)
    r"|test[- ](?:fire|launch)\w*|intercept(?:s|ed|ing)?(?![- ](?:tests?|trials?|flights?|systems?))|downed|downs"
    # "Iron Dome takes out rocket over Sderot": what air defence took out was fired.
    # (Only right before the weapon, itself: not "took out a rocket commander", "takes out a loan".)
    r"|t(?:akes?|ook|aking) out(?= (?:an? |the |\d+ |two |three |several )?(?:[\w-]+ )?(?:missiles?|rockets?|projectiles?)\b"
    r"(?![- ](?:commanders?|chiefs?|launchers?|sites?|factor(?:y|ies)|units?|cells?|squads?|teams?|experts?|depots?)))"
    r"|down(?= \d)|downing(?= of)"
    rf"|{DESTROYED_IN_FLIGHT}"
    # A launch that failed is a launch: "rocket fails to put satellite into orbit".
    r"|fail(?:s|ed)? to (?:reach|enter|put|place|deliver)(?= [\w\s'-]{0,40}\borbit)"
    # ... and so is one told by where the satellite went: "satellite reaches orbit".
    # ("into 500 km orbit": its height may stand before it.)
    r"|(?:reach(?:es|ed)|enter(?:s|ed)) orbit|puts?(?= [\w\s'-]{0,40}\b(?:into|in) (?:an? )?(?:[\w-]+ ){0,2}orbit)"
    # ... or placed there: "placed satellite in orbit".
    r"|plac(?:es|ed)(?= (?:[\w'-]+ ){0,4}?satellites? (?:in|into) (?:an? )?(?:[\w-]+ )?orbit)"
    r"|carri(?:es|ed)(?= [\w\s'-]{0,60}\b(?:into|to) (?:an? )?(?:[\w-]+ )?orbit))\b",
    _I,
)

# A weapon that failed in flight was launched: "missile fails seconds after liftoff",
# "satellite rocket fails again". Only right after the weapon, and only where the failure
# ends its clause or is told in time ("Missile talks failed", "missile fails to deter",
# "spy satellite fails" in orbit are no launch).
FAILED_FLIGHT = re.compile(
    r"\s+(fail(?:s|ed))(?=\s+(?:shortly|seconds|minutes|soon|moments|again|mid-?flight|in (?:flight|mid-?air)"
    r"|on launch|at launch|after (?:launch|lift-?off|take-?off))\b|\s*(?:[,;:.!]|$))", re.IGNORECASE)

# "tested"/"test" counts only when a weapon is its object ("tested a new ICBM", "ICBM test").
TEST_VERBS = compile_fast(
    # ("training flight of Abdali missile": a flight that tests it.)
    r"\b(?:test(?:s|ed|ing)?|trial|training flights?)\b(?![- ](?:notices?|notams?|windows?|sites?|ranges?|bans?|moratori\w+|zones?|areas?"
    r"|stands?|facilit\w+|plans?|schedules?))", _I)

# Verbs and nouns that only make sense once something was fired ("missile hits hospital").
IMPACT = compile_fast(
    r"\b(?:hit(?:s|ting)?|strike[sd]?|struck|slam(?:s|med|ming)?|smash(?:es|ed|ing)? into|kill(?:s|ed)?"
    # "Russian missile crosses near Ocnita", "crossed into Polish airspace".
    r"|cross(?:es|ed)(?= (?:into|over|near|through|the border|(?:[\w-]+ )?airspace))"
    # "BrahMos sinks decommissioned hulk": what a missile sank it hit.
    r"|sinks|sank"
    r"|land(?:s|ed|ing)?(?!-| (?:a|an|the|deal|contract|job|role|spot|place|berth)\b)"
    # (Not a weapon that fell off the vehicle carrying it: "missile falls from transporter".)
    r"|(?:fell|falls|falling|fallen)(?! (?:off|from) (?:an? |the |its )?(?:[\w-]+ )?(?:trucks?|transporters?|trailers?|lorr(?:y|ies)|vehicles?|launchers?)\b)"
    # "Two rockets from southern Syria fall in open areas", "Burkan rockets crash near Safed
    # base": a plural's present, where it came down (not "shares fall in early trading").
    r"|(?:fall|crash)(?= (?:in|into) (?:an? )?(?:open|empty|uninhabited|unpopulated)\b| (?:near|inside|outside|short of)\b)"
    r"|crashing|exploding"
    # "missile tears into a carrier", "missiles arc over Jordan", "come in from across the border";
    # what a strike did: "ATACMS wipe out helicopters", "rockets destroy a crossing".
    r"|tear(?:s|ing)? (?:into|through)|tore (?:into|through)|rip(?:s|ped)? through|wipe[sd]? out|knock(?:s|ed)? out"
    # What the weapon itself left: "Houthi missile leaves tanker ablaze", "... leaves apartment
    # block in ruins" (not "missile campaign left millions ...": the weapon right before it).
    r"|(?:(?<=missile )|(?<=missiles )|(?<=rocket )|(?<=rockets )|(?<=strike )|(?<=strikes )|(?<=attack )"
    r"|(?<=attacks ))(?:leaves|left|leaving)(?= (?:[\w'’-]+ ){0,4}?(?:ablaze|burning|on fire|in flames|in ruins"
    r"|in rubble|dead|injured|wounded|damaged|destroyed)\b)"
    r"|destroy(?:s|ed|ing)?|obliterat(?:e|es|ed|ing)|flatten(?:s|ed)?|demolish(?:es|ed)?|arc(?:s|ed|ing)? (?:over|across|toward|towards|into)"
    # A strike told by what the weapons were used for: "missiles and drones were used to
    # destroy two strongholds".
    r"|(?:was|were|had been|have been) used (?:to (?:destroy|strike|hit|attack|target)|in (?:the|an|a) (?:strike|attack))"
    # "as N Korean missile passes over Japan", "overflew Hokkaido", "missile triggers sirens".
    r"|pass(?:es|ed|ing)? over|overfl(?:ies|ew|ying|own)"
    r"|(?:trigger(?:s|ed|ing)?|set(?:s|ting)? off|prompt(?:s|ed|ing)?) (?:air[- ]raid )?(?:sirens|alarms|alerts)"
    r"|(?:come|comes|came|coming) in (?:from|over|toward|towards|low|fast)"
    # "a ballistic missile came down inside Japan's exclusive economic zone".
    r"|(?:came|comes) down(?= (?:in|inside|off|near|into|within|outside)\b)"
    # "missile entered Polish airspace", "rocket passing through its airspace": a weapon in flight.
    r"|(?:enter(?:s|ed|ing)?|violat(?:es|ed|ing)|cross(?:es|ed|ing)|breach(?:es|ed|ing)|stray(?:s|ed|ing)? into"
    r"|pass(?:es|ed|ing)? (?:through|over|into))(?= (?:[\w'-]+ ){0,2}air ?space)"
    # "two rockets were identified crossing from the Gaza Strip": a weapon's flight from a place.
    r"|cross(?:es|ed|ing) (?:from|over from)(?= (?:the )?[A-Z])"
    # "Russian missiles target cities": a plural subject's verb, not "missile target(s)", a noun.
    r"|(?<=s )target(?= (?!practice|range|list|areas?\b|drones?\b)[a-z])"
    r"|onslaught|streak(?:s|ed|ing)?(?= (?:over|across|through|into|toward))"
    # "Ballistic missile passes over Aomori", "rockets fly over Haifa": a flight over a place.
    r"|(?<!that )(?<!which )fly(?:ing)?(?= (?:over|across|toward|towards|into|past)\b)"
    # ... as the eye or the ear of a witness tells it: "missile screaming over rooftops".
    r"|(?:scream|roar|whizz|whistl|zoom)(?:s|es|ed|ing)?(?= (?:low )?(?:over|across|toward|towards|past|above)\b)"
    # "ballistic missiles were heading toward Kyiv": a weapon in flight at a place.
    r"|(?<=were )heading(?= (?:for|toward|towards|at)\b)|(?<=was )heading(?= (?:for|toward|towards|at)\b)"
    r"|pass(?:es|ed|ing)? over(?! (?:objections?|opposition|protests?|concerns?)\b)"
    # Flight data: "missile reached an altitude of 100 km" (it flew).
    r"|reach(?:ed|es)?(?= (?:an? |its )?(?:max(?:imum)? |peak )?(?:altitude|apogee|height|speed|top speed)\b"
    # ... or a distance: "missiles reach 1,500 km in test".
    r"| (?:about |some |around |nearly )?[\d,.]+ ?(?:km|kilomet(?:re|er)s|miles)\b)"
    r"|splash(?:es|ed)?(?: down)?|crash(?:es|ed)|explod(?:es|ed)|intercept(?:s|ed)|shot down|brings? down|brought down"
    r"|fl(?:ew|ies|own)"
    # ... or how long it flew: "ICBM stayed aloft 71 minutes".
    r"|(?:stayed|remained|was) aloft"
    r"|rain(?:s|ed)?|pound(?:s|ed)?|pummel\w*|batter(?:s|ed)?|hammer(?:s|ed)?|rock(?:s|ed)"
    r"|barrages?|salvos?|volleys?|attacks?|assaults?|fire" + _DISMISSED_AFTER + r"|firing|launch(?:es)?" + _NOT_LAUNCH_AFTER +
    r"|tests?(?![- ](?:sites?|stands?|facilit\w+|ranges?|grounds?|notices?|notams?|windows?|bans?|moratori\w+|zones?|areas?))"
    r"|bombardment|impacted|impacts?(?!\s+(?:on|of)\b)|damag(?:es|ed)|wound(?:s|ed)|injur(?:es|ed)"
    r"|used (?:in (?:combat|battle|an? (?:attack|strike))|against|to (?:strike|hit|attack|target))"
    r"|destroy(?:s|ed)|targeted|targets?(?= (?:\w+'s|the|an?|us|u\.s\.|israeli|american|russian|ukrainian) ))\b",
    _I,
)

# Right after a weapon, a phrase on what it carried or whence it came, before its verb.
WEAPON_PHRASE = re.compile(r"\s*,?\s*(?:carrying|armed with|tipped with|fitted with|loaded with|equipped with"
                           r"|launched from|fired from|aimed at|fired at|launched at|headed for|heading for|targeting)\b",
                           re.IGNORECASE)

# Weapons counted or told in one record occasion of their own: "Rockets from Gaza top 500
# in biggest barrage this year" (the headline's attack, with no launching verb).
WEAPONS_IN_RECORD_OCCASION = compile_fast(
    r"\b(?:missiles?|rockets?)\b(?:\s+(?!(?:were|was|are|is|be|been)\b)[\w'’,-]+){1,6}?\s+in\s+(?:the\s+|its\s+|a\s+)?"
    r"(?:biggest|largest|heaviest|fiercest|most intense|massive|major|huge)\s+(?:[\w-]+\s+)?"
    r"(?:barrage|salvo|attack|assault|wave|bombardment)\b", _I)

# A weapon noun after one of these is the object of the salvo ("barrage of missiles").
# What is left of one that flew is its aftermath ("debris of a Russian missile", "wreckage
# from the rocket"), which the policy counts as a report of it.
# Right after a weapon in a headline with no verb: the named place it flew at, ending the
# headline or its phrase ("Missiles on Kyiv", "Houthi missile at Eilat"; not "missiles on
# Ukraine's wish list", "missile on display"). The weapon opens the headline, after a label
# and up to two words ("Japan plans long-range missiles on Kyushu" is a plan).
WEAPON_OPENS = re.compile(r"\s*(?:[A-Z][\w ]{2,20}:\s*)?(?:[\w'’.-]+\s+){0,2}")
VERBLESS_TARGET = compile_fast(
    r"\s+(?:on|at|over|into|onto)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*(?=$|[,.;:!?|—–]|\s-\s)")
# ... or a number of them and the one night they came in: "Zelensky: 43 missiles in one
# night", "90 missiles overnight, grid hit again" (not a rate: "100 missiles a night").
COUNTED_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens? of|hundreds? of"
                            r"|dwie|dwa|trzy|cztery|pięć|kilka|kilkanaście|kilkadziesiąt|dziesiątki|setki))\s+$", re.I)
NIGHT_AFTER = compile_fast(r"\s+(?:overnight|in (?:one|a single) night|last night)(?=\s*(?:$|[.,;:!?|]|\s[–—-]\s))", _I)
# A trend told of a headline's plural noun event ("missile attacks on Red Sea shipping
# dwindle", "rocket fire from Lebanon has intensified", "missile strikes grow rarer").
TREND_NOUNS = frozenset({"attacks", "strikes", "launches", "tests", "testing", "fire", "firing", "salvos", "barrages"})
TREND_AFTER = compile_fast(
    r"(?:\s+(?:on|at|from|against|by|in|into|around|across|inside|within|between|along|near)\s+(?:[\w'’.-]+\s+){0,4}?)?\s*(?:activity\s+|frequency\s+)?"
    r"(?:have\s+|has\s+|are\s+|is\s+)?(?:now\s+)?(?:dwindl\w*|slow(?:s|ed|ing)?\b|intensif\w*|taper\w*|pick(?:s|ed)? up"
    r"|grows?\b|grew|grown|growing|becom\w*|became|on the rise|rise[sn]?\b|rising|fall(?:s|en|ing)?\b|fell\b"
    r"|declin\w*|decreas\w*|increas\w*|shrink\w*|shrank|ease[sd]?\b|easing|subsid\w*|all but stopped"
    r"|wan(?:e|es|ed|ing)\b|creep\w*|crept|outpac\w*|outnumber\w*"
    # "rocket attacks ebb", "launches near zero", "testing goes quiet".
    r"|ebb\w*|near(?:s|ing)? zero|go(?:es|ne)? quiet|went quiet"
    # What a campaign of them does: "drone and missile attacks are enabling Ukraine to ...".
    r"|enabling|forcing|pushing|helping|allowing|reshaping|eroding|draining|wearing down"
    # ... or that they went on over weeks: "rocket attacks have continued in recent weeks".
    r"|continu(?:e|es|ed|ing)(?= (?:in|for|over|through|throughout) (?:(?:recent|the past|the last|several|many|\w+) )?"
    r"(?:days|weeks|months)))\b", _I)
# A change in what is fired: "Russia shifts to ballistic missiles", "leans more on Iskanders",
# "fires more Iskanders than cruise missiles", "fewer missiles per attack".
SHIFT = compile_fast(
    r"\b(?:shift(?:s|ed|ing)?\s+(?:away\s+)?(?:from|to|toward)|(?:lean(?:s|ed|ing)?|rel(?:ies|ied|ying))\s+"
    r"(?:more|increasingly|heavily)\s+on|(?:more|fewer)\s+(?:[\w'’-]+\s+){1,3}?than\b(?!\s+(?:ever|before|any))"
    r"|fewer\s+(?:[\w'’-]+\s+){0,2}?(?:missiles|rockets)\s+per"
    # "militias step up rocket attacks", "Russia is spacing out its big missile barrages".
    r"|step(?:s|ped|ping)? up\s+(?:[\w'’-]+\s+){0,3}?(?:attacks|strikes|launches|fire|barrages|salvos)"
    r"|spac(?:es|ed|ing) out)\b", _I)
RATE = compile_fast(
    r"\b(?:\d+(?:\.\d+)?\s?(?:%|percent|per cent)|one in (?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
    # A share in words, and a count per weapon ("two interceptors for every missile").
    r"|(?:half|(?:a|one) (?:third|quarter)|two[- ]thirds|three[- ]quarters) of|(?:for|per) (?:every|each)"
    # "Average Russian missile salvo grows to 60", "interception rate of Iranian missiles".
    r"|(?:the |an )?average|(?:interception|intercept|success|hit|kill) rate)"
    r"\s+(?:of\s+)?(?:[\w'’-]+\s+){0,3}?(?:missiles?|rockets?)\b", _I)
# A count of the weapons or attacks that passes a mark; not a distance, a height or a speed.
MILESTONE = compile_fast(
    r"\b(?:missiles|rockets|projectiles|launches|attacks|strikes|tally|count)\b(?:\s+[\w'’.,-]+){0,8}?\s+"
    r"(?P<verb>tops?|topped|pass(?:es|ed)?|exceed(?:s|ed)?|surpass(?:es|ed)?|reach(?:es|ed)?|near(?:s|ed)?"
    r"|cross(?:es|ed)?|totals?|total(?:l)?ed|(?:hits?|sets?) (?:a )?record)\s+"
    r"(?:(?:about|around|nearly|almost|over|more than|some|roughly|at least|record)\s+)?"
    r"(?:\d{1,3}(?:,\d{3})+|\d{2,}|\d+(?:\.\d+)?\s?(?:k|thousand|million)|[a-z]+ (?:hundred|thousand))\b"
    r"(?!\s*(?:km|kilomet|miles?|met(?:re|er)s|m\b|feet|ft|kg|tons?|tonnes?|%|percent|per cent|mph|knots|degrees))"
    # ... and the targets struck by now: "The Houthis have attacked more than 100 ships".
    r"|\b(?:have|has) (?:now )?(?:attacked|hit|struck|targeted|damaged) (?:(?:more than|over|at least|nearly|almost"
    r"|some|about) )?(?:\d{1,3}(?:,\d{3})+|\d{2,}|dozens of|hundreds of|scores of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:ships|vessels|targets|facilities|sites|cities|towns|buildings)\b", _I)
SALVO = compile_fast(r"\b(?:barrages?|salvos?|volleys?|waves?|hail"
                     r"|debris|wreckage|fragments|remnants|shrapnel)"
                     r" (?:(?:believed|thought|said|suspected|confirmed) to (?:be|have come) )?(?:of|from)\b", _I)

# "catches fire", "under fire", "opened fire", "ceasefire": no missile leaves.
FIRE_IDIOM_BEFORE = compile_fast(r"(?:\b(?:catch(?:es|ing)?|caught|on|under|open(?:s|ed)?|set)\s+|cease-?)$", _I)
# A briefing's sentence that opens another story: "Also, a dim outlook for ...".
OTHER_STORY_START = compile_fast(r"\s*(?:Also|Plus|Elsewhere|In other news)\s*[,:]", _I)
# "Hamas has not been behind recent rocket attacks", "Iran was not involved": cleared.
NOT_BEHIND_AFTER = compile_fast(
    r"\s+(?:(?:has|have|had|was|were|is|are)\s+)?(?:not|never)\s+(?:been\s+)?(?:behind|responsible|involved)\b", _I)
# Between a launch and a name after it: the name belongs to another event the sentence
# tells ("in response to the killing of three members by Israel", "after an attack by ...").
OTHER_EVENT_BETWEEN = compile_fast(
    r"\b(?:in (?:response|retaliation) (?:to|for)|in revenge for|after|following|amid|because of)\b", _I)
# A sentence opening "Fire" before another capitalised word: a name ("Fire Point says"),
# as news gives no orders.
NAME_OPENING_SENTENCE = re.compile(r"Fire [A-Z][a-z]")
# "Pentagon official fired over leaked memo", "coach was fired": a person before "fired" was
# dismissed (a launcher is a state, a force or a group, not an official).
DISMISSED_BEFORE = compile_fast(
    r"\b(?:officials?|coach(?:es)?|managers?|CEOs?|directors?|ministers?|aides?|staffers?|employees?|executives?"
    r"|editors?|anchors?|spokes(?:man|men|woman|women|person)|chiefs?|boss(?:es)?|referees?|teachers?|professors?"
    r"|generals?|commanders?|admirals?|workers?|engineers?|scientists?|secretary|president|head)"
    r"\s+(?:(?:was|were|is|are|gets?|got|been|being|reportedly|abruptly)\s+)*$", _I)

# "missile defence ... hit", "missile programme ... strikes": the weapon is not the subject.
NOT_AN_IMPACT_BETWEEN = compile_fast(
    # "readies ICBM for test", "stockpiles missiles for massive strike": a purpose, to come.
    # ("used ATACMS for the first time, hitting ...": an occasion, not a purpose; "amassing
    # missiles ahead of winter strikes": to come.)
    r"\b(?:for(?! (?:the )?first time)|ahead of|in (?:preparation|anticipation) (?:for|of)|defen[cs]e|launchers?|programs?|programmes?|capabilit\w+|storage|sites?|bases?|factor\w*|threat"
    r"|engines?|motors?|commanders?|chiefs?|heads?|units?|officials?|experts?|scientists?|engineers?|makers?"
    r"|factor(?:y|ies)|production|industry|arsenals?|stockpiles?|sirens?|alerts?|warnings?|debris|wreckage"
    r"|fragments?|parts|boosters?|prices?|costs?|stocks?|shares?|budgets?)\b", _I)

# "launched an attack/probe/bill ...": the headline's launch verb has another object.
NON_LAUNCH_OBJECT = compile_fast(
    r"(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:attack|strike|war|bid|probe|bill|ground|operation|campaign"
    r"|offensive|raid)", _I)

# "launched at around 03:50", "launched from Sohae": a launch with its object left out.
BARE_LAUNCH_AFTER = compile_fast(r"(?:at|around|from|on|early|late|in)\b|\(|$", _I)

# ... or listed with it: "launch 18 drones, two anti-ship ballistic missiles and ...".
COORDINATED = compile_fast(r"\s*(?:,\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+)(?:[\w-]+\s+){0,3}$")

# Impact words that belong to another weapon: "drone strike", "air strike".
# "missile and drone strikes" is not one: the strike is the missile's too.
OTHER_STRIKE_BEFORE = compile_fast(r"(?<!and )(?<!& )(?<!, )\b(?:drone|air|aerial|ground|cyber|knife|terror)[- ]?$", _I)

DRILL_OF = compile_fast(r"(?:drills?|exercises?)\s+(?:of|with|involving)\s+(?:the\s+|an?\s+|its\s+|new\s+|[\w-]+\s+){0,3}$",
                         _I)

LAST_WORD = re.compile(r"[- ]")  # "test launch", "test-fire": the noun is the last word

NOUN_EVENTS = frozenset({"launch", "launches", "test", "tests", "attack", "attacks", "strike", "strikes", "barrage",
                         "salvo", "assault", "fire", "firing"})

# "fires CEO after missile delays": a verb and a weapon in different clauses. "as" starts
# a clause ("launch rescue as rocket float burns") but not in "described as a new ICBM".
CLAUSE_BREAK = compile_fast(
    # (Not the "but" of a corrected count: "fired not one but two missiles".)
    r"\b(?:after|amid|because|while|when|although|but(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"|following)\b|[;:]"
    # A contrast: "killed by a misfired rocket, not an Israeli strike" (not a corrected count:
    # "35 rockets, not 50, fired").
    r"|,\s*not\b(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)\b)"
    # "launches new chip it calls 'a rocket'": the weapon is a figure in a clause of its own
    # (not "launches what it calls a new ICBM": what was launched).
    r"|(?<!what )\b(?:it|they|he|she|which|that|some|critics|fans)\s+(?:calls?|called|dubs?|dubbed|likens?|likened|compares?)\b"
    r"|(?<!described )(?<!known )(?<!such )(?<!called )\bas\b(?!\s+(?:a|an|the|what|part|many|much|well|its|their)\b)",
    _I)

# A test of an engine, motor or warhead on the ground is not a launch.
ENGINE_NEAR = compile_fast(r"\b(?:engines?|motors?|static|ground (?:jet|test)|nuclear test|underwater)\b", _I)

# "launches attack", "launched strikes": an attack with no weapon named in the headline.
# "missile successfully flight-tested": words that may stand between a weapon and its test.
# ("Agni-Prime night trial", "Abdali maiden test": when or which of its tests it was.)
TEST_GAP = re.compile(r"[\s-]*(?:(?:was|were|is|are|been|has|have|successfully|flight|first|again|night|maiden|user"
                      r"|training)[\s-]+)*", _I)

# A quoted word may qualify it ("launches 'exceptional' air attack").
ATTACK_AFTER = compile_fast(
    r"\s+(?:an?\s+|its\s+|the\s+)?(?:['\"]?[\w-]+['\"]?\s+){0,3}?(?:attacks?|strikes?|barrages?|assault)\b", _I)


# An attack or strike told in a headline without a weapon ("Russia pounds Kharkiv",
# "Massive overnight assault on Kyiv", "Explosions rock Lviv"). The policy counts it as a
# launch report only where the summary names the missiles or rockets (detector.py).
# Drone, cyber, knife and terror attacks, and strikes from the air or of workers, are others.
HEADLINE_ATTACK = compile_fast(
    r"(?<!\bdrone )(?<!\bdrone-)(?<!\bcyber )(?<!\bcyber-)(?<!\bknife )(?<!\bterror )(?<!\bheart )(?<!\bpanic )"
    r"\b(?:(?<!\bair )(?<!\bair-)(?<!\bhunger )(?<!\bgeneral )(?<!\bworkers )strik(?:e|es|ing)|struck"
    r"|attack(?:s|ed|ing)?|assaults?|barrages?|bombard(?:s|ed|ing|ments?)|pound(?:s|ed|ing)|pummel\w*"
    r"|batter(?:s|ed|ing)|hammer(?:s|ed|ing)|blitz(?:es|ed)?|onslaughts?|explosions?|blasts?(?! off\b))\b",
    _I,
)

# Before a headline's attack word: the attack is a topic of the news, not its event
# ("new tactics of missile attacks", "the risk of strikes", "defending against attacks").
TOPIC_BEFORE = compile_fast(
    r"\b(?:methods?|tactics?|ways?|kinds?|types?|risks?|history|lessons?|against|defen[cs]es?|defending|protect\w*"
    r"|prevent\w*|deter\w*|how)\s+(?:(?:of|from|to|against)\s+)?(?:[\w'-]+\s+)?$", _I)

# A headline attack given as an answer ("strikes ... in retaliation"): the missiles or
# rockets its summary names are what it answers, not its own weapons.
RETALIATION = compile_fast(r"\b(?:retaliat\w*|reprisals?|in response|revenge)\b", _I)

# A superlative before a period ("the biggest attack this year", "the most massive strike
# since the war began") compares one event with the others: it is not a total.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# ("Most of the dozens of missiles fired since November": a quantifier, no comparison.)
SUPERLATIVE = r"\b(?:most(?! of\b)|biggest|largest|heaviest|deadliest|worst|fiercest|strongest|greatest|first)\b"

# A total: tens, hundreds or thousands of missiles (or launches) told with a period
# ("North Korea has fired more than 100 missiles this year") is a statistic, the
# policy's "aggregate statistics", unless the headline also tells one occasion ("2,200
# rockets fired from Gaza on Saturday", "in a surprise attack") or one launch of a series
# ("fires missile, its fifth launch this year", "the latest").
TOTAL_COUNT = compile_fast(
    r"\b(?:\d{2,}|\d{1,3}(?:,\d{3})+|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands"
    r"|(?:a )?record number)\+?\s+(?:of\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:missiles|rockets|projectiles|launches|(?:missile )?tests|(?:missile|rocket)(?: and drone)? (?:attacks|strikes))\b"
    # A share of them ("90% of rockets", "70 percent of Russian missiles") ...
    r"|\b\d{1,3}(?:%|\s?per ?cent) of\s+(?:[\w-]+\s+){0,2}(?:missiles|rockets|projectiles|launches|drones)\b"
    # ... or the harm they did ("missile attacks killed 1,900 civilians").
    r"|\b(?:missile|rocket)(?: and drone)? (?:attacks|strikes) (?:have )?(?:killed|injured|wounded)\s+"
    r"(?:(?:more than|over|at least|nearly|some|about)\s+)?(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundreds|thousands)\b"
    # ... or their trend ("missile use fell sharply", "attacks drop by half", "tests doubled").
    r"|\b(?:missile|rocket|launch|attack|strike|test)s?(?:\s+[\w-]+){0,4}\s+"
    r"(?:fell|fall|falls|dropp?(?:ed|s)?|rose|rise|rises"
    r"|doubled|doubles|tripled|halved|surged|soared|declined|declines|increased|decreased|jumped"
    r"|dwindl\w*|shr[iau]nk\w*|exceed(?:s|ed)?|outnumber\w*|climb(?:s|ed)|plunge[sd]?|slump(?:s|ed)|spike[sd]"
    r"|hit (?:a )?record|hits (?:a )?record|(?:reach(?:ed|es)? )?(?:a )?record high"
    # "rocket fire at lowest level in 15 years", "reaches highest level since war began".
    r"|(?:at|to|reach(?:es|ed)?) (?:its |a |the )?(?:highest|lowest) (?:level|point|rate))\b", _I)
SINGLE_OCCASION = compile_fast(
    r"\b(?:overnight|tonight|today|yesterday|this (?:morning|afternoon|evening)"
    r"|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (?:morning|afternoon|evening|night)"
    r"|before dawn|last night"
    r"|(?:in|during) (?:a|one|the) (?:single )?(?:day|night|hour|attack|barrage|salvo|wave)"
    r"|in (?:a |an )?(?:surprise|massive|mass|fresh|new|major|huge|large-scale|overnight) (?:attack|assault|barrage|strike|wave|salvo)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'s (?:attack|strike|barrage|salvo)"
    r"|at once)\b", _I)
PERFECT_BEFORE = compile_fast(r"\b(?:has|have|had)\s+(?:now\s+|already\s+|so far\s+)?(?:fired|launched|shot|lobbed)\s+"
                              r"(?:[\w,+-]+\s+){0,4}$", _I)
ONE_OF_SERIES = compile_fast(
    # Not "in first six months of war", "in second half of 2024": a span of time.
    r"\b(?:\d+(?:st|nd|rd|th)|first(?! (?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) )?"
    r"(?:days?|weeks?|months?|years?)\b| half\b| quarter\b)|second(?! half\b| quarter\b)|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|another|again)\b", _I)


# --- framing: what keeps a cue from being a report of a launch -------------------------

# The modal "may", not the month: not "On May 5", "5 May", "in May", "since early May".
_MAY = (r"(?<!\d )(?<!\bin )(?<!\bon )(?<!\bof )(?<!\bsince )(?<!\buntil )(?<!\bearly )(?<!\blate )(?<!\bmid-)"
        r"(?<!\blast )(?<!\bnext )(?<!\bthis )may(?!\s*\d)")

# Modal or future framing just before the verb: the launch has not happened.
MODAL_BEFORE = compile_fast(
    rf"\b(?:could|{_MAY}|might|would|will|shall|can|to|plans?|planning|prepar(?:es|ed|ing)|ready|readies"
    r"|readying|poised|set|about|expected|likely|possible|possibly|potential|imminent|threat(?:en|ens|ened)?"
    r"|vows?|vowed|pledg(?:es|ed)|warns?|warned|warning|capable|able|intends?|intended|aims?|seeks?|signs?"
    r"|if|whether|preparations?|upcoming|planned|future|would-be|anticipated|feared|fears?"
    # Any of them, none in particular: "the spokesman who announces every missile attack".
    r"|every"
    # "IDF on alert for rocket fire by militias", "braces for missile strikes".
    r"|on (?:high |heightened )?alert|braces?|bracing|call(?:s|ed|ing)? for"
    # Put off: "Iran postpones Simorgh satellite launch" (not "delayed launch fails", whose
    # "delayed" is the launch's adjective).
    # ("Heavy rains delay rocket launch": a plural subject's too.)
    r"|(?:postpon(?:es?|ing)|delays?|delaying|scraps?|scrapping|cancels?|cancell?ing|calls? off|calling off|puts? off"
    r"|putting off|push(?:es)? back|(?:re)?schedul(?:es?|ing))(?:\s+(?!(?:after|as|and|but|with)\b)[\w'’-]+){0,2}?"
    # Let: "Biden lets Ukraine strike deeper into Russia" (not "lets loose", "lets fly": fires).
    r"|(?:lets|let|letting)(?!\s+(?:loose|fly|rip|off)\b)(?:\s+(?!(?:after|as|and|but|with)\b)[\w'’.-]+){1,3}?"
    # ... or planned with its words between: "Vandenberg plans unarmed Minuteman III test launch".
    r"|plans(?:\s+(?!(?:after|as|and|but|with)\b)[\w'’-]+){0,4}?"
    # ... or weapons kept for it: "stockpiling missiles for winter strikes", "holding back
    # Kh-101 and Kalibr missiles to mount massed attacks".
    r"|(?:stockpil(?:es?|ing|ed)|amass(?:es|ing|ed)|hoard(?:s|ing|ed)|stock(?:s|ing|ed)? up(?: on)?|hold(?:s|ing)? back"
    r"|held back|sav(?:es|ing|ed) up)(?:\s+(?!(?:after|as|but|with)\b)[\w'’-]+){1,5}?\s+(?:for|to\s+[a-z]+)"
    r"(?:\s+[\w'’-]+){0,2}?)"
    # An adverb may stand between ("can reportedly strike", "could soon launch").
    r"(?:\s+(?:of|for|to|a|an|the|its|new|another|more|further|again|soon|now|still|even|be|[a-z]+ly))*\s+$",
    _I,
)

ADJ_MODAL_BEFORE = compile_fast(
    r"\b(?:possible|possibly|potential|imminent|expected|planned|upcoming|anticipated|future|next|prepar\w+"
    # "Hezbollah readying massive rocket barrage": made ready, not yet fired.
    r"|read(?:ies|ying|ied)"
    r"|alert over|warns? of|threat of|risks? of|danger of|plans? for|bans? on|lifts? (?:the )?ban|permission|allow(?:s|ed|ing)?"
    r"|authori[sz]\w+|approv\w+|green light|restrictions? on|curbs? on|limits? on|caps? on|signs? of"
    r"|NOTAMs?|notices? to (?:airmen|mariners)|navigation(?:al)? warnings?|no-fly zone"
    # "ahead of N. Korean rocket launch", "hinting at missile test": still to come.
    r"|ahead of|in preparation for|in anticipation of|hint(?:s|ing|ed)? at|expects?|expecting|brac(?:es|ing) for"
    # A step on the way to one: "a step toward a test launch", "paving the way for a launch".
    r"|steps? (?:toward|towards|to|closer to)|(?:paves?|paving|paved) the way (?:for|to)|prelude to|precursor to"
    # Drills: "evacuation drill in case of a missile attack", "simulating a missile strike",
    # "rehearse nuclear missile strikes", "practise use of Iskanders".
    r"|in (?:the )?case of|in the event of|simulat(?:e|es|ed|ing|ions?)|mock|hypothetical"
    r"|rehears(?:e|es|ed|ing|als?)|practi[cs](?:e|es|ed|ing)"
    # A threat of one: "threatens 'crushing' missile response".
    r"|threaten(?:s|ed|ing)?"
    # A comparison: "Unlike missile attacks, fire from the left bank comes with no warning".
    r"|unlike|as opposed to"
    # Who a person is, not what happened: "kills commander responsible for rocket attacks".
    r"|(?:commander|chief|head|leader|mastermind|official|operative|militant|member|officer|operator)s?"
    # (... "the commander, whom it described as responsible for rocket fire")
    r"(?:,?\s+[\w'’-]+){0,5}?\s+(?:responsible for|behind|in charge of|who (?:led|directed|oversaw|planned|organi[sz]ed|ordered))"
    r")\b"
    # (A quoted word may stand between: 'warns of "crushing" missile response'.)
    r"(?:\s+[\"“‘']?[\w'.-]+[\"”’']?){0,4}\s+$"
    # An event called off or moved, its noun the verb's object: "postponed a scheduled test
    # launch" (not "flights cancelled after a launch").
    r"|\b(?:postpon(?:e|es|ed|ing)|scrubb?(?:s|ed|ing)?|cancell?(?:s|ed|ing)|call(?:s|ed|ing)?\s+off)"
    r"(?:\s+(?:a|an|the|its|their|this|next|planned|scheduled|routine|unarmed|long-planned))*\s+$"
    # Money asked for one: "budget seeks $3.1 billion for hypersonic missile flight tests".
    r"|(?:\$|€|£)[\d.,]+\s*(?:billion|million|bn|m|tn|trillion)?\s+(?:[\w-]+\s+){0,2}?for(?:\s+[\w'-]+){0,3}\s+$",
    _I,
)

# A modal a few words before the event: "Iran will pay for missile attacks".
MODAL_NEAR_BEFORE = compile_fast(
    rf"\b(?:will|would|could|{_MAY}|might|must|should|can|shall|(?<!\bup )(?<!\bclose )(?<!\bnext )(?<!\bdue )"
    r"(?<!according )(?<!\bprior )(?<!\bclose )(?<!\breturn )(?<!\breturns )(?<!\breturned )(?<!\bback )"
    r"(?<!\bflee )(?<!\bfled )(?<!\bflees )(?<!\bheads )(?<!\bheaded )(?<!\bvisit )(?<!\btrip )to)\b"
    # Not across a clause of its own: "return to ruined homes after missile strike".
    r"(?:\s+(?!(?:after|following|as|when|amid|since)\b)[\w'-]+){0,4}\s*$",
    _I,
)

# "teenagers killed by Hezbollah rocket": the weapon as the agent of a harm.
HARMED_BY_BEFORE = compile_fast(
    # (a time or a place may stand before "by": "struck at dawn by", "hit overnight by"; and a
    # hedge after it: "by what officials said was an Iskander")
    r"\b(?P<verb>killed|wounded|injured|hurt|damaged|destroyed|struck|hit|knocked out)(?:\s+(?!by\b)[\w'’.:-]+){0,3}?"
    r"\s+by\s+(?:what\s+(?:[\w'’-]+\s+){1,5}?(?:was|were)\s+)?(?:an?\s+|the\s+)?"
    # (a count may stand between: "hit by at least 10 missiles")
    r"(?:(?:at least|more than|up to|some|about)\s+\d[\d,]*\s+|[\w'’-]+\s+){0,3}$", _I)

# "pounds Ukraine with missiles": an attack verb whose instrument is the weapon.
ATTACK_WITH_BEFORE = compile_fast(
    r"\b(?P<verb>shoot(?:s|ing)? down|shot down|downs|downed|intercept(?:s|ed|ing)?|pound(?:s|ed|ing)?|pummel\w*|bombard\w*|batter(?:s|ed|ing)?|blitz\w*|target(?:s|ed|ing)?|hit(?:s|ting)?"
    r"|strike[sd]?|striking|struck|attack(?:s|ed|ing)?|rock(?:s|ed)|shell(?:s|ed)|slam(?:s|med)?|hammer(?:s|ed)?|blast(?:s|ed)?"
    # ... or what it did to its target: "destroys S-400 system with Neptune missiles".
    r"|destroy(?:s|ed|ing)?|damag(?:es|ed|ing)|sinks?|sank|sunk|knock(?:s|ed)? out|take(?:s)? out|took out"
    # (Not across a sentence: an initial's dot, "U.S. carrier", is no sentence's end.)
    r"|rain(?:s|ed)?|shower(?:s|ed)?)\b(?:[^.;:]|(?<=\b[A-Z])\.){0,80}?\bwith\s+"
    # The instrument may be one of a list: "with drones, missiles", "with drones and missiles",
    # "with 158 means of air attack: 122 missiles"; a maker's initials: "with U.S.-supplied missiles".
    r"(?:[\w'.-]+[,:]?\s+){0,6}$",
    _I,
)
# "carried out a successful strike on the headquarters ... using Storm Shadow cruise
# missiles": an attack whose instrument is the weapon, named after "using".
ATTACK_USING_BEFORE = compile_fast(
    r"\b(?P<verb>(?:carried out|carries out|conducted|conducts|launched|launches|delivered|delivers)\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:strikes?|attacks?)|strike[sd]?|struck|attack(?:s|ed)|hit|target(?:s|ed))\b"
    r"(?:[^.;:]|(?<=\b[A-Z])\.){0,140}?\busing\s+(?:[\w'.-]+,?\s+){0,5}$",
    _I,
)

# "Iran responds with missiles", "retaliates with ballistic missiles": an answer whose
# instrument is the weapon, named right after "with" (not "answers with threats over missile").
RESPOND_WITH_BEFORE = compile_fast(
    r"\b(?P<verb>respond(?:s|ed)?|retaliat(?:es|ed)|answer(?:s|ed))\s+with\s+(?:an?\s+)?"
    r"(?:(?!(?:over|about|after|for|to|on|at|against|regarding)\s)[\w'-]+\s+){0,2}$", _I)

# "may have launched", "possibly fired", "apparently fires": an uncertain report of a launch
# that happened — the "possible ballistic missile" flash that agencies issue first — is a
# launch report, unlike "could launch" or "possible launch", which look ahead.
POSSIBLE_PAST_BEFORE = compile_fast(
    r"\b(?:(?:may|might|could|must|would)(?:\s+not)?\s+have|possibly|probably|apparently|reportedly|likely"
    r"|appears?\s+to\s+have|appeared\s+to\s+have|seems?\s+to\s+have|believed\s+to\s+have)\s+$",
    _I,
)

# "Possible ballistic missile launched by North Korea": the hedge is on what the thing is,
# not on whether it flew (the flash Japan's government and coast guard issue first); read
# with a past verb after the weapon only, since "possible missile launch" looks ahead.
HEDGED_WEAPON_BEFORE = re.compile(r"\b(?:possible|suspected|apparent|presumed)\s+(?:[\w-]+\s+){0,2}$", _I)
PAST_VERB = re.compile(r"[a-z]+ed|shot|flew|flown|fell|hit|struck", _I)
# "Possible missile launch from North Korea, Japan says", "Suspected rocket launch detected":
# a hedged launch noun told with where it came from or who saw it is the same flash; one
# something looks ahead to ("on alert for possible missile launch") is not.
HEDGED_LAUNCH_AFTER = re.compile(r"\s+(?:from|detected|reported|spotted|observed|confirmed)\b", _I)
LOOKS_AHEAD_TO_BEFORE = re.compile(r"\b(?:for|of|over|against|about|to|amid|on|ahead|before)\s+(?:an?\s+|the\s+)?$", _I)

# "can reportedly strike", "could possibly launch": the adverb qualifies a modal, so the
# verb is still to come (unlike "reportedly fired" or "may have launched").
MODAL_ADVERB_BEFORE = compile_fast(rf"\b(?:can|could|will|would|{_MAY}|might|shall|must|to)\s+[a-z]+ly\s+$", _I)

# "tried to launch", "attempt to fire": a failed launch is still a launch.
# "used ATACMS to hit targets": a purpose, not a future.
ATTEMPT_BEFORE = compile_fast(
    r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied)|fail(?:s|ed)?)\s+(?:again\s+)?to\s+$"
    # ("sites used by the militia to launch missiles": what a thing serves for, not an event.)
    r"|(?<!\bbe )\b(?:used|employed)\s+(?!by\b)(?:[\w'.-]+\s+){0,5}to\s+$", _I)

NEGATION_BEFORE = compile_fast(
    r"\b(?:not|no|never|cannot|can't|won't|couldn't|didn't|did not|hasn't|has not|haven't|denies|denied|deny"
    # (Not what a strike left people without: "Kyiv without power after missile attack".)
    r"|without(?! (?:power|electricity|heat|heating|water|light|gas|internet|homes?|shelter)\b)"
    r"|refrain\w*|no evidence(?: that)?"
    # Their absence: "despite lull in Houthi attacks", "a pause in missile launches".
    r"|(?:lull|pause|respite|halt) (?:in|from|to)|end to"
    # "Fireworks mistaken for rocket fire": what was heard was something else.
    r"|mistaken for|mistook (?:[\w'’-]+ ){1,3}?for|confused with"
    # "a fake claim of missile attack", "simulated launches": nothing was fired.
    r"|(?:fake|false|bogus|hoax|fabricated)\s+(?:claims?|reports?|news|videos?|posts?|alerts?)(?:\s+(?:of|about|that))?"
    r"|electronic|simulated|virtual|mock"
    r"|(?:rejects?|rejected|dismiss(?:es|ed)?|refut(?:es|ed)) (?:the )?(?:claims?|reports?|allegations?|accusations?))\b"
    # A correction's contrast negates the first number only: "fired not one but two missiles".
    # ... and so does "35 rockets, not 50, fired".
    r"(?!\s+[\w-]+,?\s+but\b)(?!\s+\d[\d,.]*\s*,)[^.;]{0,20}$",
    _I,
)

# A maker's line of weapons, launched as a product: "launched a new line of low-cost cruise
# missiles".
_PRODUCT_LINE = r"(?:product )?(?:lines?|famil(?:y|ies)) of"

# The object of "launched"/"fired" is something other than a weapon.
NONWEAPON_OBJECT = compile_fast(
    r"\b(?:balloons?|drones?|UAVs?|unmanned|probes?|investigations?|inquir(?:y|ies)|campaigns?|bills?"
    r"|apps?|products?|platforms?|services?|offensives?|operations?|exercises?|drills?|initiatives?"
    r"|plans?|programm?es?|warning shots?|shells?|artillery rounds?(?! of (?:[\w-]+ ){0,2}rockets?)"
    r"|rounds(?! of (?:[\w-]+ ){0,2}(?:rockets?|missiles?))|mortars?|flares?|fireworks"
    r"|tear gas|bullets?|gunfire|shots|CEO|chief|coach|manager|staff|employees?|workers?|officials?|executives?"
    r"|cars?|trucks?|pickups?|SUVs?"
    r"|director|head|minister|general|commander|engines?|motors?|production|manufacturing|" + _PRODUCT_LINE +
    # An institution set up: "S. Korea launches Strategic Command to counter ... missile threats".
    r"|commands?|task force|units?|agency|office|cent(?:er|re)s?|systems? to share|sharing)\b",
    _I,
)

# A launch of something else, the headline's news when it tells no launch of a weapon: the
# policy's word trap ("Ukraine launches app for civilians to report incoming missiles").
PRODUCT_LAUNCH = compile_fast(
    r"\blaunch(?:es|ed|ing)?\s+(?:(?:an?|its|their|the|new|first)\s+)*(?:[\w-]+\s+)?"
    r"(?:apps?|platforms?|services?|campaigns?|initiatives?|websites?|portals?|investigations?|inquir(?:y|ies)|probes?"
    r"|bids?|funds?|fundraisers?|products?|phones?|smartphones?|cars?|brands?|books?|albums?|films?|series|shows?|"
    + _PRODUCT_LINE + r")\b", _I)

# Harm done, and people sheltering: what a strike leaves (`detector.py` reads it in a
# headline over a summary's launch, `reader_en.py` before "after" a launch).
HARM_WORDS = (r"killed|dead|injured|wounded|damaged|destroyed|rubble|power cuts?|outages?|blackouts?|shelters?"
              r"|take cover|sirens?|evacuated|evacuations?|explosions|on fire|ablaze")

# Reaction to a launch as the main event (main-event rule).
REACTION = compile_fast(
    r"\b(?:condemn\w*|denounc\w*|slams?|slammed|sanction\w*|resolutions?|violat\w*|breach\w*|spark(?:s|ed)(?! (?:a )?(?:fires?|blazes?|explosions?))|prompt(?:s|ed)"
    r"|draws? (?:condemnation|criticism|protests?)|Security Council|UNSC"
    r"|disappoint\w*|(?:not |un)happy|angry|furious|outrag\w*|appall?\w*|dismay\w*|horrifi\w*|sadden\w*|den(?:y|ies|ied)"
    r"|reject(?:s|ed)?(?= (?:[\w'’-]+ ){0,3}?(?:claims?|reports?|allegations?|accusations?|explanations?)\b)"
    # A demand made of the launcher: "demands joint probe into missile incident".
    r"|demand(?:s|ed)?(?= (?:[\w'’-]+ ){0,3}?(?:probe|investigation|inquiry|explanation|apology|answers)\b)"
    # A verdict passed on it: "FO terms India's missile test 'threat to strategic stability'".
    r"|(?:terms?|termed|brands?|branded|labels?|labell?ed)(?= (?:[\w'’-]+ ){1,5}?['‘\"“]?(?:an? )?(?:threat|provocation"
    r"|violation|destabili\w+|irresponsible|reckless|dangerous|grave|unacceptable))"
    # Support for the side attacked: "US 'fully supportive' of Israel after ..."; protests.
    r"|supportive|solidarity"
    r"|(?:protesters|demonstrators)(?= (?:[\w'’-]+ ){0,2}?(?:shut|block|march|rall(?:y|ied)|gather|chant|storm|occupy|demand|denounce))"
    # Drills held after a launch answer it: "Allies hold missile defence drill after ...".
    r"|(?:holds?|held|holding|conducts?|conducted|conducting|stag(?:e|es|ed|ing))\s+(?:(?!(?:missiles?|rockets?)\b(?!\s+defen[cs]e))[\w'’-]+\s+){0,3}?"
    # (What it held them with may stand between: "stage air drill with B-1B bomber after ...".)
    r"(?:drills?|exercises?|manoeuvres|maneuvers)(?=\s+(?:[\w'’-]+\s+){0,4}?(?:after|following|in response to)\b)"
    # A leader's call, a protest at an embassy: "Biden phoned Zelensky after ...".
    r"|phoned|protest(?:s|ed)? (?:outside|at|in front of|near)"
    # A ceremony for what a crew did: "Sailors honoured for missile intercepts".
    r"|(?:honou?r(?:s|ed)|decorated)(?= (?:[\w'’-]+ ){0,3}?(?:for|at)\b)|(?:medals?|commendations?|awards?) for\b"
    # (Not a call to take cover: "J-Alert urges residents to take cover as missile passes over".)
    r"|urg(?:es|ed|ing)(?!\s+(?:[\w'’,-]+\s+){0,6}?(?:to\s+)?(?:take (?:cover|shelter)|shelter|evacuate|stay indoors))|calls? (?:on|for)|celebrat\w*|vows?|rebuk\w*|criticiz\w*|criticis\w*|deplor\w*"
    # (Not a failure blamed on a part: "launch failed, blames new engine".)
    r"|(?:blames?|blamed(?!\s+on\b))(?!\s+(?:(?:a|the|its|new|faulty|new-type)\s+)*(?:engines?|stages?|boosters?|malfunctions?|fuel|technical))|accus\w*|suspends?(?!\s+(?:[\w-]+\s+){0,2}?(?:flights?|operations?|loadings?|traffic|transits?|sailings?|services?|classes|lessons|trains?|exports?|shipments?)\b)|lodg\w+ (?:a )?protests?|(?<!in )(?<!apparent )protests? (?:to|against|after|over|as) "
    r"|react\w*|talks|negotiat\w*|agree(?:s|d)?\s+(?:to\s+)?(?:an?\s+)?(?:[\w-]+\s+)?(?:ceasefire|truce)|consult(?:s|ed|ing|ations?)|(?<!briefs )(?<!briefed )(?<!told )lawmakers?(?! (?:were |are )?told)|parliament|senate|congress"
    # (Not what a strike forces: "imposes rolling blackouts after ... barrage".)
    r"|imposes?(?!\s+(?:[\w-]+\s+)?(?:blackouts?|power cuts?|outages?|shutdowns?|curfews?))|expels?|summons?|recall(?:s|ed|ing)? (?:its |their )?(?:ambassadors?|envoys?|diplomats?)"
    r"|vote[sd]?|votes|emergency meeting|meeting|statement on|statement by"
    r"|discuss(?:es|ed|ing|ions?)?|(?:phone|video) calls?|compensat\w*"
    # Leaders meet; interceptors that "meet" missiles do not.
    r"|meets?(?!\s+(?:(?!(?:after|over|amid|following|as|on|to|in|with|about|before)\b)[\w'’-]+\s+){0,2}"
    r"(?:missiles?|rockets?|barrages?|salvos?|drones?)\b)"
    # A test that "meets all mission objectives" met no one.
    r"(?!\s+(?:all\s+)?(?:(?:its|the|their)\s+)?(?:[\w-]+\s+)?(?:objectives|goals|targets|parameters|requirements|expectations)\b)"
    # A court's verdict or a suit over a strike: "Court convicts three over MH17 downing".
    # (A court as a building can be hit: "Missile strikes court building".)
    r"|convict\w*|acquit\w*|indict\w*|verdicts?|lawsuits?|su(?:e|es|ed|ing)|tribunals?|to court|in court"
    r"|(?:world|international|supreme|high|top|criminal|federal|district|appeals?|Hague|Dutch|Ukrainian|Russian"
    r"|Iranian|Israeli|US|U\.S\.|British|UK|German|Polish|Canadian|Malaysian) courts?"
    r"|courts? (?:rules?|ruled|orders?|ordered|hears?|heard|finds?|found|upholds?|upheld|rejects?|rejected|clears?|cleared"
    r"|sentences?|sentenced|jails?|jailed|awards?|awarded)"
    r"|(?:on|stands?|stood) trial|war crimes trial"
    # A leader's plea or verdict: "Pope decries ...", "pleads for more Patriots after ...",
    # "calls the strike 'a war crime'". (Not a shipping firm or an airline that pauses or
    # reroutes after an attack: the labels count that as the attack's aftermath.)
    r"|decr(?:y|ies|ied)|pleads?|pleaded|lament\w*|dismiss(?:es|ed)|downplay\w*|thanks|dedicat(?:es|ed|ing)|jailed|imprisoned"
    # A commander replaced after it: "Zelensky replaces air force commander after F-16 crash".
    r"|(?:replac(?:es|ed)|sack(?:s|ed)|oust(?:s|ed))(?=\s+(?:[\w'’-]+\s+){0,4}?(?:commander|chief|head|general|minister)s?\b)"
    # A report taken back: "JCS retracts report of missile launch", "earlier report ... withdrawn".
    r"|retract(?:s|ed|ing)?|(?:reports?|flash|alerts?|claims?) (?:[\w'’-]+ ){0,8}?withdrawn"
    r"|withdr(?:aws|ew|awn) (?:its |the |an? )?(?:earlier )?(?:reports?|flash|alerts?|claims?)"
    # A leader's visit or pledge whose occasion is the strike: "Macron visits Odesa port hit by
    # missiles", "pledges support after ..." (not one beside it: "visits Chernihiv as death
    # toll rises", "launches missiles as Blinken visits Seoul").
    r"|(?:visits?|visited|pledg(?:es|ed|ing))(?=[^,;:]{0,60}?\b(?:(?:hit|struck|damaged|destroyed)\s+(?:by|in)|after|following)\b)"
    r"|calls(?=\s+(?:[\w'’,-]+\s+){1,10}['‘\"“])"
    r"|highlight(?:s|ed|ing)?|underscor(?:es|ed|ing)|destabili[sz]\w*"
    # "X blasts Y for mocking ...": criticism, not an explosion ("blasts Kyiv for a second night").
    r"|mock(?:s|ed|ing)?|blast(?:s|ed) (?:[\w'’‘-]+ ){1,4}for [\w'’-]+ing)\b"
    # Concern and markets: "UN chief 'deeply concerned' by rocket fire", "markets shrug off launch".
    r"|\b(?:(?:deeply )?concerned|alarmed|worried|shrug(?:s|ged)? off"
    r"|(?:Asian|European|global|world|stock|financial|oil) markets"
    r"|stocks|oil prices?|investors|traders|Nikkei|Kospi|Topix|yen|bond yields"
    # ... and their figures: "Seoul shares close lower after ...", "Brent jumps as ...".
    r"|shares (?:close|closed|end|ended|open|opened|fall|fell|drop|dropped|slip|slipped|slide|slid|sink|sank|tumble|tumbled"
    r"|rise|rose|gain|gained|jump|jumped|climb|climbed|rally|rallied|lower|higher)|share prices?|(?:stock exchange|bourse)(?! (?:building|headquarters|offices?)\b)"
    r"|Brent|crude (?:oil|prices?|futures)|oil futures|oil (?:jump|surg|rise|rose|climb|spike|fall|fell|slid|soar|gain|rall|tumbl)\w*|gold prices?|the won|won (?:weakens|weakened|falls|fell|slips|slipped)"
    r"|Dow Jones|S&P 500|Nasdaq|FTSE|DAX|TA-35|TA-125"
    # ... and what insurers, firms and inquiries do after it: "war-risk cover jumps", "port
    # revenue down 85%", "Pentagon orders review after". (Claims filed for the damage are the
    # strike's aftermath, its report: the labels count them so.)
    r"|(?:war[- ]risk|insurance) (?:premiums?|cover|rates?)|insurers|revenues?|profits?|earnings"
    r"|(?:orders?|ordered|opens?|opened) (?:an? )?(?:[\w-]+ )?(?:review|inquiry|investigation|probe))\b"
    # A council convened, a leader briefed, a warning to another state, a fact-check:
    # "NATO-Ukraine Council convenes after ...", "Biden briefed on ... launch",
    # "Blinken warns Iran of 'severe consequences' over ...".
    r"|\b(?:conven(?:es|ed|ing)|briefed on|warn(?:s|ed)\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:of|against|over)"
    r"|fact[- ]check\w*)\b",
    _I,
)

# A launch mentioned as the cause of something else ("after", "over", "in response to").
SUBORDINATE_BEFORE = compile_fast(
    # "over 100 rockets" is a number, not a cause.
    r"\b(?:after|over(?!\s+\d)|following|in response to|in retaliation for|in the wake of|amid|despite|ahead of"
    # The person "behind" attacks, or "responsible for" them: who they were, not a report.
    r"|(?:commanders?|chiefs?|leaders?|masterminds?|operatives?|officials?|officers?|militants?|figures?|members?)"
    r"(?:\s+(?!(?:as|while|when)\b)[\w'’-]+){0,5}?\s+(?:behind|responsible for(?:\s+(?:planning|directing|organi[sz]ing))?)"
    # ... or who did it, told in a relative clause: "Man who guided missile strike jailed",
    # "Deif, who masterminded rocket attacks".
    r"|(?:man|men|woman|women|soldiers?|officers?|pilots?|teens?|boys?|girls?|suspects?|spy|spies|agents?|informants?)\s+who"
    r"|\bwho\s+(?:had\s+)?(?:masterminded|orchestrated|oversaw|planned|directed|organi[sz]ed)"
    # ... or which rocket it was: "Chinese rocket that put spy satellites in orbit breaks up".
    r"|(?:rockets?|boosters?|(?:rocket\s+)?stages?)\s+(?:that|which))\b"
    # (Not across a clause of its own: "Interceptors seen over Doha as missiles target ...".)
    r"(?:\s+(?!(?:as|while|when)\b)[\w'’-]+){0,6}\s*$",
    _I,
)

# After a noun event, found to be none: "a possible ballistic missile launch from North
# Korea proved to be a false detection", "launch alert was sent in error".
FOUND_NONE_AFTER = compile_fast(
    r"\s*(?:[\w'’-]+\s+){0,8}?(?:(?:proved|proven|turned\s+out)\s+(?:to\s+(?:be|have\s+been)\s+)?(?:an?\s+)?"
    r"(?:false|mistaken|erroneous|error|glitch)|(?:was|were)\s+(?:sent|issued|triggered)\s+(?:in\s+error|by\s+mistake"
    r"|mistakenly))\b", _I)
# After a noun event: "launch of spy satellite expected within days", "sirens test to be held".
MODAL_AFTER = compile_fast(
    # ("in scheduled test", "a planned drill": what kind of test it was, not that it is to come)
    r"\s*(?:[\w'-]+\s+){0,3}?(?:is\s+|are\s+|was\s+)?['\"]?(?:expected|likely|imminent"
    r"|(?:planned|scheduled)(?!\s+(?:[\w-]+\s+)?(?:tests?|launch\w*|flights?|exercises?|drills?)\b)|possible|feared"
    # "raising ICBM launch possibility".
    r"|possibilit(?:y|ies)|prospects?|likelihood"
    rf"|looms|looming|to be|will be|set for|slated|will|(?:would|could|{_MAY}|might|must|should)(?!\s+have)"
    r"|postponed|delayed|scrubbed|called off|cancell?ed|put off|pushed back|rescheduled"
    # Set for a day: "test launch for Tuesday night".
    r"|for (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tonight|tomorrow|next week)"
    # Denied: "reports of a missile launch are untrue", "launch was a false alarm".
    r"|(?<=is )(?:untrue|false|baseless|groundless|not true|a false alarm)|(?<=are )(?:untrue|false|baseless|groundless|not true)"
    r"|(?<=was )(?:untrue|false|baseless|groundless|not true|a false alarm))\b"
    # ... with more words between: "reports of a missile launch at a US base are inaccurate".
    r"|\s*(?:[\w'’-]+\s+){0,6}?(?:is|are|was|were)\s+(?:completely\s+|totally\s+|entirely\s+)?"
    r"(?:untrue|false|inaccurate|incorrect|fake|unfounded|baseless|groundless|fabricated|not true|not accurate)\b"
    # "sirens Tuesday in missile-attack drill": the attack is the drill's (not "fire rockets
    # in first live-fire drill", a firing during a drill).
    r"|[ -](?:drills?|exercises?|simulations?|rehearsals?)\b"
    # A warning or notice of it: "missile-firing warning off Makran coast"; its plan or its
    # window: "notifies Japan of satellite launch plan".
    r"|[ -](?:warnings?|notices?|plans?|window|schedule|timetable)\b"
    # A right claimed: "says satellite launches are its sovereign right".
    r"|\s*(?:is|are)\s+(?:a\s+|an\s+|its\s+|their\s+)?(?:sovereign|legitimate|lawful|legal|inalienable)\s+rights?\b",
    _I,
)

# At a headline's start, a speaker and the strike their words follow, before a colon:
# "Zelensky after missile strike on Kyiv: ..." (not witnesses: "Residents after strike: 'the
# windows blew in'" tells the aftermath).
SPEAKER_AFTER = compile_fast(r"(?!(?:Residents|Witness\w*|Eyewitness\w*|Survivors|Locals|People)\b)"
                             r"(?:[A-Z][\w.'’-]*\s+){1,4}?(?:after|on|about|over)\s+(?=[^:]{3,100}:\s)")
# After the headline's launch, a judgement of it: "ATACMS strikes on Russian soil mean NATO
# is involved", "missile attack on Kyiv is an act of terror" (not "was a test": what it was).
JUDGED_AFTER = compile_fast(
    r"[\s:\"“”'‘’]*(?:[\w'’-]+[\s:\"“”‘’]+){0,5}?(?:means?|meant|amounts? to|amounted to|constitutes?|constituted"
    # (Headlines drop the verb before a quoted judgement: "India's missile strikes an 'act of war'".)
    r"|(?:(?:is|are|was|were)\s+|(?=(?:an?|the)\s+['‘\"“]))(?:an?\s+|the\s+)?['‘\"“]?"
    r"(?:(?:clear|blatant|flagrant|new|another|deliberate)\s+)?"
    r"(?:act of|acts of|crimes?|war crimes?|terror|terrorism|terrorist|violations?|provocations?|escalation"
    r"|declaration of war|message|signal|warning to|sign of|reminder|blow to|turning point)"
    r"|(?:will not|won't) go (?:unanswered|unpunished))\b", _I)

# "Britain to test-fire missile", "North Korea set to launch satellite": headline future.
HEADLINE_FUTURE = compile_fast(
    r"^(?:[A-Z][\w'.-]*,?\s+){1,5}(?:is\s+|are\s+)?(?:to|set to|plans? to|prepares? to|ready to|poised to|readies to)"
    r"\s+(?:test|fire|launch|conduct|hold|stage|carry|resume)"
)



# --- extraction ----------------------------------------------------------------------

# Where a launch was made from (`launch_site`, the place in group "site"): in the clause of
# a launch verb or a weapon, after "from" or "out of", a place the text names: a name with
# the word for what it is ("the Sunan area of Pyongyang", "Vandenberg Space Force Base",
# "Jangyon County, South Hwanghae Province"), a coast ("its east coast", "North Korea's
# west coast"), a platform ("a submarine off Sinpo", "ships in the Black Sea") or a land
# ("Yemen", "the Gaza Strip"). "From" after a word of another sense starts no site ("a
# statement from", "away from", "supplied from", "debris from"); a date or an agency after
# it is no place (see extractor._launch_site).
_SITE_CAP = r"(?-i:[A-Z][\w'’-]*)"
_SITE_NAME = rf"{_SITE_CAP}(?:[ -](?:{_SITE_CAP}|(?-i:al|el|ul|de|of)(?= (?-i:[A-Z]))))*"
_SITE_AREA = (r"(?: (?:area|areas|region|province|county|district|city|town|village|base|air ?base|airfield|airport"
              r"|(?:satellite )?launch(?:ing)? (?:site|pad|complex|facility|station|ground|center|centre)"
              r"|cosmodrome|spaceport|space (?:center|centre)|range"
              r"|test(?:ing)? (?:site|ground|range)|peninsula|coast|coastline|strait|strip|territory|waters"
              r"|harbou?r|port|bay))?")
_SITE_PLACED = (rf"(?:, {_SITE_NAME} (?-i:Province|province|County|county|Oblast|oblast|Prefecture|prefecture|[Rr]egion|[Ss]tate)"
                rf"|(?: of| in| near| off) (?:the )?{_SITE_NAME}\b(?!['’]s){_SITE_AREA})?")
_SITE_COAST = (rf"(?:(?:its|the|{_SITE_NAME}['’]s) )?(?:(?:east|west|north|south)(?:ern)?(?: coast(?:line)?"
               r"| coastal areas?| shores?)|inland areas?|coastal areas?)")
_SITE_PLATFORM = (r"(?:an? |the |its )?(?:[\w-]+ ){0,2}?(?:submarines?|warships?|ships?|vessels?|destroyers?"
                  r"|frigates?|corvettes?|bombers?|aircraft|jets?|launchers?|launch pads?)")
# What a place is, before its name: "the eastern city of Hamhung", "an inland area near the
# western county of Taekwan", "the international airport in Pyongyang".
_SITE_DESCRIBED = (r"(?:(?:the |an? )?(?:[a-z]+ ){0,2}?(?:vicinity|areas?|region|outskirts|waters|environs|city|town"
                   r"|port|county|province|village|island|capital|airport|airfield|base|site|coast|border|range|ground)"
                   r" (?:of|off|near|around|in|in or around|in or near) "
                   # where it lies from another: "(from) south of the capital in Hwangju County"
                   r"|(?:north|south|east|west)(?:-?(?:east|west))? of )")
_SITE = (rf"{_SITE_COAST}{_SITE_PLACED}|{_SITE_PLATFORM}{_SITE_PLACED}"
         # "its capital Pyongyang"
         rf"|(?:its|the|their) capital,? {_SITE_NAME}"
         rf"|{_SITE_DESCRIBED}{{0,2}}(?:the )?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? |central )?"
         r"(?:(?:[\w-]+-)?occupied )?"
         rf"{_SITE_NAME}{_SITE_AREA}{_SITE_PLACED}")
_SITE_LEAD = (r"\b(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?|shot|lob(?:s|bed)?|(?:took|takes|blasted|lifted) off|lift-?off"
              r"|missiles?|rockets?|ICBMs?|SRBMs?|IRBMs?|SLBMs?|projectiles?|salvos?|barrages?|detected|originating"
              r"|carried out|test(?:s|ed)?)\b")
# Between the launch and "from", within its clause: no other "from", no sentence's end (a
# clock's "a.m." and "7:10" are no end).
_SITE_GAP = r"(?:(?!\bfrom\b)(?:[ap]\.m\.|(?<=\d):(?=\d)|[^.;:!?\n])){0,60}?"
# A word of another sense right before "from".
_SITE_NOT_AFTER = ("away ", "far ", "statement ", "statements ", "report ", "reports ", "data ", "information ",
                   "intelligence ", "sources ", "officials ", "footage ", "images ", "photos ", "video ", "debris ",
                   "fragments ", "parts ", "supplied ", "delivered ", "bought ", "imported ", "shipments ", "aid ",
                   "evacuated ", "fled ", "quoting ", "citing ", "km ", "kilometers ", "kilometres ", "miles ",
                   "range ", "distance ", "help ", "support ", "transfer ", "transfers ", "acquired ", "received ")
LAUNCH_SITE = re.compile(  # (`re`: the names' capitals are read case-sensitively)
    rf"{_SITE_LEAD}{_SITE_GAP}\b"
    + "".join(f"(?<!{re.escape(w)})" for w in _SITE_NOT_AFTER)
    # (A date is no place: "fired from Monday", "from March".)
    # ("from the direction of the occupied Golan Heights": where they came from)
    + rf"(?:from|out of|(?<=launched )near|(?<=fired )near) (?:near |around |inside |within |the direction of (?:the )?(?:occupied )?)?(?!(?-i:(?:{_MONTHS}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b))"
    + rf"(?P<site>{_SITE})",
    _I,
)

# A facility named "at", "in", "near" or "off" in a launch's clause: launches are made
# there and little else happens there ("detected at Tongchang-ri, North Phyongan
# Province", "fired ... off the coast of the eastern city of Wonsan", "the launch took
# place near Hamhung"; `schemas.places.Site.facility`). A capital, a land or a sea there is
# a target or a sayer as often, and needs "from".
_FACILITY = "|".join(re.escape(name) for name in FACILITY_NAMES if name.isascii())
LAUNCH_SITE_AT = re.compile(
    rf"{_SITE_LEAD}{_SITE_GAP}\b"
    r"(?:at|in|near|around|off|outside|in or around|in or near)\s+"
    rf"(?P<site>(?:the )?(?:waters off |coast of )?{_SITE_DESCRIBED}{{0,2}}(?:the )?"
    rf"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? )?(?:{_SITE_NAME}['’]s |(?:(?-i:[A-Z][\w.]*) ){{1,2}})?"
    rf"(?:{_FACILITY})[\w'’-]*{_SITE_AREA}{_SITE_PLACED})",
    _I,
)
# Where the launchers are when they fire: "Palestinian militants in the Gaza Strip fire
# rockets", "Houthi forces in Yemen launched", "Hezbollah fighters in southern Lebanon fired",
# "bombers over the Caspian Sea launched", "crews deployed in the Zaporizhzhia region fired",
# "launchers stationed on an island fired".
LAUNCH_SITE_SUBJECT = re.compile(
    r"\b(?:militants?|fighters?|terrorists?|forces|rebels?|gunmen|groups?|troops|units?|militias?|batteries|crews?"
    r"|launchers?|bombers?|aircraft|jets|warships?|ships|submarines?|vessels?|destroyers?|cruisers?|frigates?"
    r"|(?:missile )?boats?)"
    r"\s+(?:based\s+|stationed\s+|positioned\s+|deployed\s+|operating\s+)?(?:in|inside|over|on|off)\s+"
    rf"(?P<site>{_SITE}|(?:the )?{_SITE_NAME} Sea|(?:[a-z]+ )?(?-i:[A-Z])[a-z]+ island)"
    r"\s+(?:[a-z]+\s+){0,2}?(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?|shot|shoot|lob(?:s|bed)?)\b",
    _I,
)
# Launches seen at a place: "rocket launches were detected in the northern Gaza Strip".
LAUNCH_SITE_DETECTED = re.compile(
    rf"\b(?:launch(?:es)?|missiles?|rockets?|projectiles?)\s+(?:was|were|had been|have been)\s+detected"
    rf"{_SITE_GAP}\b(?:in|at|near)\s+(?P<site>{_SITE})",
    _I,
)
# "The launch took place at the Sonmiani test range": where the launch itself was.
LAUNCH_SITE_TOOK_PLACE = re.compile(
    r"\blaunch(?:es)?\s+(?:took place|happened|occurred|was (?:conducted|carried out|made))\s+(?:at|in|near|from)\s+"
    rf"(?P<site>{_SITE})",
    _I,
)
# "launched an ICBM in the Pyongyang area", "fired in the Sunchon area": a named area in a
# launch's clause, where it lies in the launcher's own state or in none the gazetteer
# knows (group "home_site": a target area of another state, "in the Kharkiv region", is none).
LAUNCH_SITE_AREA = re.compile(
    rf"\b(?:fir(?:e|es|ed)|launch(?:es|ed)?|test-fired|test-launched){_SITE_GAP}\bin\s+"
    rf"(?P<home_site>(?:the )?(?:(?:north|south|east|west)(?:ern)? )?{_SITE_NAME} (?:area|region|county|district|province))",
    _I,
)

# Where a test's warhead came down, named as the target it hit or its flight's end: "hit a
# target at the Kura range on the Kamchatka Peninsula", "reached its designated target on
# the Kamchatka peninsula", "travelled about 6,760 km to the Kwajalein Atoll" (a place
# `extractor._direction` reads as where it went); not what it could reach ("able to reach
# targets in India").
TARGET_AREA = re.compile(
    rf"\b(?:hit|hits|struck|reached|destroyed)\s+(?:(?:a|an|its|the|their)\s+(?:[\w-]+\s+){{0,2}}?targets?|targets)(?: areas?)?"
    rf"\s+(?:at|on|in|near)\s+(?P<place>{_SITE})"
    rf"|\b(?:flew|flown|travell?ed|traveling)\s+(?:(?:about|some|roughly|around|approximately|nearly)\s+)?"
    rf"[\d,.]+\s*(?:km|kilomet(?:er|re)s|miles)(?:\s+\([^)]{{1,30}}\))?\s+to\s+(?P<place_reached>{_SITE})"
    # ... or that it reached: "its training warheads reached the Kura test range".
    rf"|\b(?:warheads?|re-?entry vehicles?|missiles?)\s+(?:(?:successfully|later|then)\s+)?reached\s+(?!(?:an?|its|their)\s)"
    rf"(?P<place_range>{_SITE})"
    # ... or where it came down, as an offset from a place: "splashed down west of Hokkaido",
    # "landing about 250km west of Hokkaido".
    # ... and where a ship was struck: "hit by a missile 54 nautical miles southwest of Aden".
    rf"|\b(?:land(?:ed|ing|s)?|splash(?:ed|ing|es)?\s+down|fell|falling|came\s+down|impacted"
    rf"|(?:struck|hit|attacked)(?:\s+by\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:missiles?|rockets?|projectiles?))?)\s+"
    rf"(?:(?:about|some|roughly|around|approximately|nearly)\s+)?(?:[\d,.]+\s*(?:km|kilomet(?:er|re)s|(?:nautical\s+)?miles|nm)\s+)?"
    rf"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?P<place_off>{_SITE})"
    # ... or near a place: "missile lands near Ben Gurion airport".
    rf"|\b(?:land(?:ed|ing|s)?|fell|falls|falling|crash(?:ed|es|ing)?|impacted|exploded|explodes)\s+"
    rf"(?:near|next to|close to|outside)\s+(?:the\s+)?(?P<place_near>{_SITE})",
    _I,
)

# Only numbers bound to a flight verb are distances flown ("flew about 800 km"); a stated
# range is not.
DISTANCE = compile_fast(
    rf"\b(?:(?:flew|flown|fly|flies|flying|travel+ed|travel+ing|travels|covered|covering)"
    # (a heading between: "flew in a north-eastern direction for about 600 km")
    rf"(?:\s+in\s+(?:an?\s+|the\s+)?[\w-]+\s+direction)?"
    rf"(?:\s+(?!(?:over|across|past)\b)[\w'-]+){{0,4}}?|distance of|(?:a|its) flight of)"
    rf"\s+(?:the\s+|an?\s+|respectively\s+|each\s+)?{APPROX}\s*{QUANT}",
    _I,
)
# "hit a target 1242 miles (2000 km) away": the distance to the target it reached.
DISTANCE_TARGET = compile_fast(rf"\btarget\s+(?:located\s+)?{APPROX}\s*{QUANT}\s+away", _I)
APOGEE = compile_fast(rf"\b(?:apogees?|(?:max(?:imum)?|peak|top)?\s*(?:altitudes?|heights?))\s+(?:of\s+)?"
                      rf"{APPROX}\s*{QUANT_ALT}", _I)
# ... and a climb told by its verb: "rose to roughly two thousand kilometres", "climbed to
# about forty kilometres", "peaked at an altitude of some 50,000 metres".
APOGEE_CLIMB = compile_fast(rf"\b(?:r[io]s(?:e|es|en|ing)|climb\w*|soar\w*|peak\w*)\s+(?:to|at)\s+(?:an?\s+)?"
                            rf"(?:altitude\s+of\s+)?{APPROX}\s*{QUANT_ALT}", _I)
# The height after its figure: "reaching 6,000 km altitude", "flew 2,000 km high".
APOGEE_AFTER = compile_fast(rf"\b(?:reach\w*|soar\w*|climb\w*|r[io]s(?:e|es|ing)|at)\s+{APPROX}\s*{QUANT_ALT}"
                            rf"[\s-]*(?:in\s+)?(?:altitude|high|apogee)\b", _I)

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "pair of": 2, "a pair of": 2, "three": 3, "four": 4,
                "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "a dozen": 12, "two dozen": 24, "three dozen": 36, "four dozen": 48}
COUNT = compile_fast(
    # (Not a designation's number: "Type 12 anti-ship missile", "Block 5 missiles".)
    # (Nor a date's day: "the January 2 attack show a KN-23".)
    r"(?<!\bJanuary )(?<!\bFebruary )(?<!\bMarch )(?<!\bApril )(?<!\bMay )(?<!\bJune )(?<!\bJuly )(?<!\bAugust )(?<!\bSeptember )(?<!\bOctober )(?<!\bNovember )(?<!\bDecember )"
    r"(?<![\w,.:-])(?<!\bType )(?<!\bModel )(?<!\bBlock )(?<!\bMk )(?<!\bMark )(?:(?:at least|more than|over|up to|about|around|approximately|some|nearly|roughly|as many as)\s+)?"
    r"['\"]?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,4}|(?:two|three|four) dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|a dozen|a pair of|a|an|single)['\"]?(?!\s?-?(?:mm|km|kg|cm|m|t|kilomet\w*|miles?|seconds?|minutes?|hours?|days?|%|caliber)\b)"
    # (a day of a month, in English or Polish text: "the 2 January attack", "po ataku z 2 stycznia")
    r"(?!\s+(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|stycz|lut|mar[cz]|kwie|maj|czerw|lip|sierp|wrze[sś]|październik|paźdz|listopad|grud)\w*)\s+"
    # (Words between: "eight U.S.-made ATACMS ballistic missiles".)
    # (Nor a verb: "fired on March 14 was a new ... missile".)
    # (Nor what carried them: "three satellites using its Simorgh rocket".)
    # (Nor a launch verb: "a submarine launched Tomahawk cruise missiles".)
    r"(?:(?!(?:of|the|from|at|to|in|on|with|by|for|that|which|was|were|is|are|has|have|had|using|aboard|atop|its|their"
    r"|fired|launched|fires|launches|fire|launch|firing|launching"
    # (Nor people, nor another number: "35 people killed when two Russian Iskander missiles".)
    r"|people|persons|civilians|children|residents|soldiers|troops|killed|dead|died|injured|wounded"
    # (Nor a saying verb: "a Ukrainian security source said modified Neptune missiles".)
    r"|said|says|say|told|tells|reported|claimed|claims|confirmed|added"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozens?|hundreds?|thousands?"
    r")\b)(?:[A-Za-z][\w'.-]*|\d+\s?-?mm|\"[^\"]{1,30}\")\s+|(?:rounds?|salvos?|volleys?) of\s+){0,5}?"
    r"(?P<w>(?:ballistic |cruise )?missiles?|ICBMs?|IRBMs?|MRBMs?|SRBMs?|SLBMs?|CRBMs?|rockets?(?![- ]force)|projectiles?"
    # "18 rounds from 240 mm multiple rocket launchers": the rockets, counted as rounds.
    r"|rounds(?= (?:fired )?from (?:[\w-]+ ){0,4}?(?:multiple[- ])?rocket launchers?\b)"
    + r"|" + NAMED_SYSTEMS + r")\b"
    # "a major missile salvo": the weapon word modifies another noun, which is what is counted
    # (also beside another arm: "a combined missile and drone attack")
    r"(?!(?: and (?:[\w-]+ )?(?:drones?|bombs?|artillery|air))?[- ](?:salvo|launch|test|system|program|programme"
    r"|attack|strike|barrage|defen[cs]e|force|unit|base|site"
    r"|launcher|production|factory|threat|alert|siren|commander|engine|warhead)s?\b)",
    _I,
)
# "missile attack", "missile barrage": the weapon names the kind of event, not one weapon.
EVENT_NOUN_AFTER = re.compile(
    r"\s+(?:attacks?|strikes?|barrages?|salvos?|raids?|assaults?|bombardments?|onslaughts?|blitz|fire)\b", re.I)

# After a name: it claimed the attack ("JNIM, al-Qaeda's Sahel affiliate, later claimed the
# attack", "Hamas took responsibility"); right before one: it is blamed for it ("Morocco
# blamed the Algeria-backed Polisario Front", "claimed by Islamic State"). Where the
# launch's own sentence names no launcher, the claimant or the side blamed is it.
CLAIMANT_AFTER = compile_fast(
    r"(?:'s)?(?:,[^,.;]{1,60},)?\s+(?:[\w-]+\s+){0,3}?(?:later\s+|also\s+|has\s+|have\s+|had\s+)?"
    r"(?:claimed|claims|claiming|took|takes|taking|has\s+taken|have\s+taken)\s+(?:the\s+)?"
    r"(?:responsibility|credit|attacks?|strikes?|launch(?:es)?|salvos?|barrages?|rocket\s+fire)\b"
    # ... or says it fired: "The Houthis said they had targeted Ben Gurion airport".
    r"|(?:'s)?(?:\s+(?:armed\s+wing|military\s+wing|military|spokes(?:man|woman|person)))?\s+"
    r"(?:said|says|announced|claimed|claims)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+|have\s+)?"
    # (Not the side that answered: "the IDF said it targeted the launchers".)
    r"(?:fired|launched|targeted(?!\s+(?:[\w-]+\s+){0,2}?(?:launchers?|launch\s+(?:sites?|pads?|positions?)|cells?|squads?)\b))\b",
    _I)
BLAMED_BEFORE = compile_fast(
    r"\b(?:blamed|blames|blaming|accused|accuses|accusing|claimed\s+by|attributed\s+(?:it|the\s+\w+)\s+to)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?$", _I)

# The roles of a name near a launch (extractor.py): it reports, it made the weapon, it
# is the target or the launch site, or it launched.
SELF_REPORT_AFTER = compile_fast(
    r"\s*(?:(?:'s\s+)?(?:(?:army|navy|military|air force|armed forces|defen[cs]e ministry|government)\s+)?"
    r"(?:said|says|say|claims?|claimed|announced|reported|confirmed)\s+(?:[\w ,]{0,40}?\s)?(?:that\s+)?(?:it|its|they|their)\b"
    r"|claim(?:s|ed)?\s+(?:responsibility for\s+)?(?:an?\s+|the\s+)?(?:[\"“'‘]?[\w-]+[\"”'’]?\s+){0,3}?"
    r"(?:missiles?|rockets?|attacks?|strikes?|launch(?:es)?|tests?|barrages?|salvos?|volleys?)\b"
    # "Hamas: we fired rockets at Tel Aviv": a name that speaks of its own firing.
    r"|(?:'s)?(?:\s+(?:military|army|navy|air force|intelligence|armed forces|(?:military\s+)?spokes(?:man|woman|person)|commander|leader))?"
    r":\s*[\"“'‘]?(?:(?:we|our\s+(?:forces|fighters|units|troops))\s+(?:(?:have|had)\s+)?"
    r"(?:fired|launched|struck|targeted|hit|shelled)|our\s+(?:missiles|rockets))\b)",
    _I)
TARGET_BEFORE = compile_fast(
    r"\b(?:at|on|onto|upon|into|against|toward|towards|over|across|to|targeting|hit|hits|struck|strike|strikes|in|near|around|outside|inside|within|beyond"
    r"|(?<!fends )(?<!fend )(?<!fended )off"
    r"|kills?|killed"
    # Verbs of attacking: what follows is what was attacked ("Russia pounds Ukraine").
    r"|attacks?|attacked|targets?|targeted|pounds?|pounded|pummels?|pummell?ed|batters?|battered|bombards?|bombarded"
    r"|shells|shelled|hammers?|hammered|shatters?|shattered|rocks|rocked|slams?|slammed|blasts|blasted|raids?|raided"
    r"|destroys?|destroyed|damages?|damaged|wrecks?|wrecked|obliterates?|obliterated|sinks?|sank|sunk"
    # Where a base's forces are: "base hosting US troops".
    r"|hosting|housing"
    r"|summit|between|with|and)\s+(?:\d+\s+)?(?:the\s+)?(?:capital of\s+|city of\s+)?"
    r"(?:(?:north-?(?:east|west)(?:ern)?|south-?(?:east|west)(?:ern)?|northern|southern|eastern|western|central|north|south"
    r"|east|west)\s+)?$"
    # A state after a place it holds is where it happened: "a strike in Lviv, Ukraine".
    r"|\b(?:in|near|at|on|over|outside|around)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?,\s+$", _I)
# Where a strike went, said by a verb or noun of striking, falling or entering and the
# words of what it hit, up to the clause's end: "Russia strikes Ukraine's Odesa port",
# "Moscow attacks Odesa", "attack on a museum in Kupiansk", "a missile fell on a busy
# street in Kyiv", "violated Poland's airspace". The extractor looks in `object` for a
# place of the gazetteer, else for a thing hit (`STRUCK_THING`). A passive verb's agent
# ("hit by missiles") and the words of another clause ("as", "killing", "with") end it.
_OBJECT_STOP = (r"(?:as|after|while|when|amid|following|kill(?:s|ed|ing)?|leav(?:es|ing)|injur(?:es|ed|ing)"
                r"|wound(?:s|ed|ing)|says?|said|with|by|for|during|overnight|and|but|that|which|who|from|since"
                r"|before|to|again|using|is|are|was|were|has|have|had|could|will|would|may|might)")
STRIKE_OBJECT = compile_fast(
    r"\b(?:(?:attacks?|strikes?|assaults?|barrages?|raids?|onslaught|blitz)\s+(?:on|against|at)"
    r"|hits?|hitting|strikes?|struck|striking|targets?|targeted|targeting|attacks?|attacked|attacking"
    r"|bombards?|bombarded|bombarding|pounds?|pounded|pounding|shell(?:s|ed|ing)|slams?|slammed|slamming"
    r"|pummel(?:s|l?ed|l?ing)?|hammer(?:s|ed|ing)?|shower(?:s|ed|ing)?|rain(?:s|ed|ing)? down on"
    r"|(?:falls?|fell|falling|land(?:s|ed|ing)?|crash(?:es|ed|ing)?)\s+(?:on|onto|in|into)"
    r"|violat(?:es|ed|ing)|entered|intruded into"
    # "fired Fatah missiles at several military installations"
    r"|(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?)\s+(?:[\w-]+\s+){1,4}?at)\s+"
    rf"(?P<object>(?!across\b)(?:(?!{_OBJECT_STOP}\b)[\w'’-]+(?:\s+|\b)){{1,9}})", _I)
# Before a state in what a strike hit: the strikes spread over the whole state
# ("cities across Ukraine"), which names no place hit.
ACROSS_BEFORE = compile_fast(r"\b(?:across|throughout|all over)\s+(?:the\s+)?$", _I)
# An attack noun and its preposition: "an attack on", "strikes against".
STRIKE_NOUN_ON = compile_fast(
    r"(?:attacks?|strikes?|assaults?|barrages?|raids?|onslaught|blitz)\s+(?:on|against|at)\b", _I)
# What a strike hit, where no place is named: "hit a Ukrainian museum", "struck a
# civilian ship", "attack on the Ukrainian capital". Unnamed places in the plural ("hits
# cities across Ukraine", "several regions") and "infrastructure" are the whole state
# again: no thing of their own.
STRUCK_THING = compile_fast(
    r"\b(?:ports?|harbou?rs?|shipyards?|dockyards?|navy yards?|naval bases?|air ?bases?|airfields?|airports?"
    r"|headquarters|museums?|hospitals?|schools?|power (?:plants?|stations?)|nuclear plants?|substations?"
    r"|facilit(?:y|ies)|terminals?|depots?|refiner(?:y|ies)|warehouses?|ships?|vessels?|tankers?"
    r"|apartment (?:blocks?|buildings?)|residential (?:blocks?|buildings?)|buildings?|car parks?|streets?|roads?"
    r"|highways?|bridges?|village|town|city|region|district|capital|airspace"
    r"|installations?|military bases?|command posts?|positions|border (?:towns|communities)"
    r"|(?:radar|missile|launch|military|air defen[cs]e) sites?)\b", _I)
# Words before a thing hit that are no part of its description: determiners ("a", "its"),
# prepositions and the words of a number ("at least 10"), a verb of striking ("hitting").
STRUCK_THING_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "one", "another", "this", "that",
                                      "on", "at", "in", "of", "against", "least", "more", "than", "target", "targets",
                                      "targeting", "hitting", "striking"})
# A thing that says where only with a word on it: "the Ukrainian capital", "Polish
# airspace", not "the capital" or "entered airspace".
STRUCK_THING_NEEDS_WORD = frozenset({"capital", "city", "airspace"})
# "missile fired from Syria": a launch site, which the text does not make the launcher.
# After a name: its launch or test, a few words on ("Statement on DPRK Ballistic Missile
# Launch", "comment on North Korean ICBM test"): the name launched, whatever preposition
# stands before it (not "strikes on Russian missile launch sites").
LAUNCH_NOUN_AFTER = compile_fast(
    r"(?:'s)?\s+(?:[\w-]+\s+){0,3}?(?:launch(?:es)?|test-fires?|test-launch(?:es)?|flight tests?)\b"
    r"(?!\s*(?:sites?|pads?|facilit\w*|vehicles?|complex\w*|areas?|platforms?|positions?|systems?|tubes?|bases?))", _I)
# After a name: a craft or post of its forces ("missiles from Israeli F-35s", "from
# Russian positions"): what is fired from it is the name's, no place it was fired from.
PLATFORM_AFTER = compile_fast(
    r"(?:'s)?\s+(?:[\w-]+\s+)?(?:jets?|warplanes?|aircraft|planes?|fighter jets?|bombers?|F-\d+\w*|Su-\d+\w*|Tu-\d+\w*"
    r"|MiG-\d+\w*|warships?|ships?|vessels?|boats?|submarines?|destroyers?|frigates?|corvettes?|launchers?|batter(?:y|ies)"
    r"|positions?|troops|forces|units?|gunboats?|drones?)\b", _I)
# A name that qualifies the place it fired from: held by it ("rockets from IS-held
# Syria", "from Russian-controlled territory"): what comes from there is the name's.
HOLDER_SUFFIXES = ("-held", "-controlled", "-occupied")
# A nationality on a person ("Brit aid worker films rockets", "wounding two Egyptian
# peacekeepers"): who the person is, not who fired.
PERSON_AFTER = compile_fast(
    r"\s+(?:[\w-]+\s+)?(?:workers?|journalists?|reporters?|photographers?|tourists?|nationals?|citizens?|civilians?"
    r"|residents?|students?|doctors?|nurses?|volunteers?|peacekeepers?|women|woman|man|men|boys?|girls?|child(?:ren)?"
    r"|famil(?:y|ies)|couples?|expats?|pensioners?|teenagers?|sailors?|seafarers?|crew members?|hostages?"
    r"|pupils?|schoolchildren|kids|teachers?|parents?|patients?|commuters?|passengers?|shoppers?|farmers?)\b", _I)
SITE_BEFORE = compile_fast(r"\bfrom\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?$", _I)
# "Russian missiles", "Ukrainian Storm Shadow missiles": an actor adjective on the weapon.
# A capitalised word is a name ("Storm Shadow"), unless it is a word of the clause
# capitalised by a title-case headline ("Ukraine Says It Shot Down Kinzhal Missiles",
# "Russia Pummels Ukrainian Cities With Missiles"). After a possessive, a few words of
# any kind still belong to the owner ("North Korea's failed spy satellite rocket").
_TITLE_CASE_CLAUSE_WORDS = (
    r"(?:With|At|On|In|Into|Against|Toward|Towards|Over|From|By|Of|To|For|As|And|Or|After|Before|Amid|Near|Across"
    r"|It|Its|They|Their|He|She|We|The|A|An|Says?|Said|Claims?|Shot|Shoots?|Down|Downs|Intercepts?|Fires?|Fired"
    r"|Launch(?:es|ed)?|Hits?|Strikes?|Uses?|Used|Is|Are|Was|Were|Has|Have|Had|Cities|City|Towns?|Areas?|Targets?)\b")
WEAPON_MODIFIERS = compile_fast(
    r"(?:'s)?(?:\s+(?:new|[\w]+-range|ballistic|cruise|hypersonic|guided|strategic|tactical|anti-\w+"
    rf"|(?!{_TITLE_CASE_CLAUSE_WORDS})[A-Z][\w.-]*))*\s+$")
POSSESSED_MODIFIERS = compile_fast(r"(?:'s)?(?:\s+[\w-]+){0,3}?\s+$")
ATTACK_NOUN_AFTER = compile_fast(
    r"(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:strikes?|barrage|missiles?|rockets?|attacks?|assault|forces|military|army|shelling|salvo)\b", _I)
# The same, for a name anywhere in the text: only what is fired, not who could fire it
# ("Ukraine's forces can't stop ...", "Kyiv City Military Administration").
ATTACK_NOUN_STRICT_AFTER = compile_fast(
    # (A system's name too: "fragments from Ukrainian ATACMS", "hit in Russian Iskander strike".)
    r"(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:strikes?|barrages?|missiles?|rockets?|attacks?|assaults?|shelling|salvos?"
    r"|" + NAMED_SYSTEMS + r")\b", _I)
# The combining form of a maker joined to another's name: "the Anglo-French missiles", "the
# Franco-Italian SAMP/T": who designed the weapon together, not who launched it.
JOINT_MAKER_BEFORE = compile_fast(r"\b(?:Anglo|Franco|Italo|Sino|Russo|Indo|Turco|Greco|Austro|Swedo)-$")
MAKER_SUFFIXES = ("-made", "-built", "-supplied", "-provided", "-designed", "-produced", "-donated", "-manufactured")
# A name joined to a participle qualifies another noun ("Russia-annexed Crimea",
# "Moscow-installed governor", "Iran-backed militia"): it is not who launched.
# Right before a name: a participle that makes it a place held by another ("the occupied
# Syrian Golan", "annexed Crimea"), not a launcher.
PLACE_QUALIFIER_BEFORE = compile_fast(r"\b(?:occupied|annexed)\s+$", _I)
QUALIFIER_SUFFIXES = ("-annexed", "-occupied", "-controlled", "-held", "-installed", "-appointed", "-backed",
                      "-allied", "-funded", "-armed", "-aligned", "-sponsored", "-led", "-run")
# "The Houthi government has launched missiles": a state's government or forces that
# launch are the state, not a reporter of someone else's launch.
AGENCY_LAUNCHES_AFTER = compile_fast(
    r"(?:'s)?\s+(?:government|military|army|navy|forces|armed forces|regime|authorities|air defen[cs]es?)\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:launched|fired|test-fired|test-launched|lobbed)\b", _I)
# Participles of attacking a place: in the passive their subject is what was attacked.
_ATTACKED = (r"(?:targeted|struck|hit|attacked|shelled|bombarded|bombed|pounded|pummell?ed|battered|hammered"
             r"|rocked|slammed|raided|blasted|damaged|destroyed|killed|wounded|injured)")
# "missile fired by Yemen's Houthis", "shipyard struck by Ukrainian missiles": the passive
# agent of a launch or of an attack is the launcher; a possessive place before the agent
# is skipped.
FIRED_BY = compile_fast(
    # ("was fired from Nabatieh area by Hezbollah": where from may come first.)
    rf"\b(?:fired|launched|shot|lobbed|{_ATTACKED})(?:\s+from(?:\s+[\w'’-]+){{1,3}}?)?\s+by\s+(?:the\s+|an?\s+)?(?:[A-Z][\w-]*'s\s+)?"
    # "fired by the Iran-backed Houthis": the patron's qualifier before the launcher.
    r"(?:[\w-]+-(?:backed|led|allied|aligned|funded|sponsored|supported)\s+)?", _I)
# "Israel targeted by missile from Yemen", "Russian landing ship struck by Ukrainian
# missiles", "Russia says its shipyard was hit by ...", "Israel comes under rocket fire":
# a name, or a state's adjective on the thing hit, that is the subject of a passive verb
# of attacking (followed by its agent, "by"/"with") is the target. The words between are
# of one clause and name no weapon, no launch and no attack of the name's own ("Russian
# missile fired by ...", "Russian missiles hit Kyiv" and "Russia pounds Ukraine as Kyiv is
# hit by ..." keep their launcher).
_NOT_THE_HIT = (r"(?!(?:missiles?|rockets?|drones?|projectiles?|warheads?|shells?|fires?|fired|firing|launch\w*"
                r"|test-\w+|lobs?|lobbed|shoots?|shot|strikes?|attacks?|barrages?|salvos?"
                rf"|{_ATTACKED}|hits|targets|pounds|pummels|batters|hammers|rocks|slams|raids|blasts|shells|bombs"
                r"|bombards|as|after|while|when|amid|following|before|since|and|but|or)\b)")
PASSIVE_TARGET_AFTER = compile_fast(
    rf"(?:'s)?(?:\s+{_NOT_THE_HIT}[\w'-]+){{0,4}}?\s+"
    rf"(?:(?:(?:was|were|is|are|be|been|being|has|have|had|gets?|got|getting)\s+){{1,2}})?"
    rf"(?:(?:again|overnight|repeatedly|heavily|reportedly|also)\s+)?{_ATTACKED}\s+(?:again\s+|overnight\s+)?"
    # ("helicopters destroyed at Saky airfield after ATACMS strike": a place may come first.)
    r"(?:(?:at|near|in)\s+(?:[\w'-]+\s+){1,3}?(?=after\b))?"
    r"(?:by|with|(?:in|after)\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,3}?(?:strikes?|attacks?|raids?|shelling|bombardment|barrage))\b"
    r"|(?:'s)?(?:\s+[\w'-]+){0,3}?\s+(?:comes?|came|coming|is|are|was|were|remains?|remained)\s+under\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attack|fire|shelling|bombardment)\b",
    _I)
# An armed group's spokesman opening a headline's claim: "Houthi spokesman Saree: Burkan-3
# fired at Eilat" (the group speaks of its own launch).
SPOKESMAN_COLON_AFTER = compile_fast(
    r"(?:'s|’s)?\s+(?:military\s+)?spokes(?:man|woman|person)(?:\s+[A-Z][\w'’-]+){0,3}\s*:\s", _I)
# A state's people or forces the attack hurt, named after it: "Number of US troops hurt in
# Ain al-Asad rocket attack rises", "Russian soldiers killed by HIMARS strike".
HARMED_AFTER = compile_fast(
    r"(?:'s|’s)?\s+(?:[\w-]+\s+)?(?:troops|soldiers|service\s?(?:members|men|women)|personnel|sailors|marines|civilians"
    r"|citizens|nationals|servicemen)\s+(?:(?:were|are|was|have\s+been|had\s+been)\s+)?"
    r"(?:hurt|injured|wounded|killed|dead)\b", _I)
# "US troops in eastern Syria come under rocket fire", "Embassy compound came under attack":
# the subject of coming under fire is its target.
UNDER_FIRE_AFTER = compile_fast(
    r"(?:'s|’s)?(?:\s+[\w-]+){0,5}?\s+(?:comes?|came|coming|(?:is|are|was|were|has been|have been|had been))\s+"
    r"under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack)\b", _I)
# A place's part after its possessive: "Parts of Kyiv's left bank without power after
# missile attack", "Kharkiv's residents": where it struck, no subject that launched.
PLACE_PART_AFTER = compile_fast(
    r"(?:'s|’s)?\s+(?:(?:left|right|northern|southern|eastern|western|central|old|historic)\s+)?"
    r"(?:bank|districts?|outskirts|suburbs?|cent(?:re|er)|downtown|neighbou?rhoods?|streets?|residents|skyline"
    r"|harbou?r|port|airport|power\s+grid|grid|energy\s+(?:infrastructure|facilities|system)|infrastructure"
    r"|north|south|east|west|border\s+(?:areas?|regions?|towns?|villages?))\b", _I)
# "ship hit with Ukrainian missiles", "warship damaged in Ukrainian missile strike": the
# name after a passive verb of attacking is its agent, not a target (after "in", only a
# name that owns the attack: "killed in Kyiv" is a place).
PASSIVE_AGENT_BEFORE = compile_fast(rf"\b{_ATTACKED}\s+(?:again\s+|overnight\s+)?(?:by|with)\s+(?:the\s+|an?\s+)?$", _I)
# ... and the toll of it: "Death toll in Russian missile strike rises".
PASSIVE_IN_BEFORE = compile_fast(rf"\b(?:{_ATTACKED}\s+(?:again\s+|overnight\s+)?|(?:death\s+)?toll\s+|casualties\s+)in\s+"
                                 rf"(?:the\s+|an?\s+)?$", _I)
# "Ukraine shoots down 20 missiles", "Kyiv says it intercepted ...": the defender, not the launcher.
# (Not the owner of what was intercepted: "Iran's 180 missiles intercepted".)
DEFENDER_AFTER = compile_fast(
    # (Not past a weapon: "Ukrainian ATACMS rained down on ..." was fired by Ukraine.)
    # (Nor a weapon's rain: "Iran rains down ballistic missiles on Israel".)
    r"(?:'s|-led|-backed)?\s+(?:(?!(?:missiles?|rockets?|drones?|projectiles?|rain(?:s|ed|ing)?|" + NAMED_SYSTEMS + r")\b)[\w-]+\s+){0,2}?"
    r"(?:(?:says?|said|claims?|claimed|reports?|reported)\s+"
    r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?(?:that\s+)?"
    r"(?:(?:it|its|they)\s+(?:[\w-]+\s+){0,2}?|(?:its\s+|their\s+|the\s+)?air\s+defen[cs]es?\s+(?:systems?\s+)?))?"
    r"(?:(?:shoots?|shot|shooting)\s+down|intercepts?|intercepted|t(?:akes?|ook|aking)\s+out|down|downs|downed|block(?:s|ed)?|neutrali[sz](?:e|es|ed)|repels?|repelled|fends?\s+off"
    rf"|fended\s+off|thwarts?|thwarted|foils?|foiled|defends?\s+against|defended\s+against|{DESTROYED_IN_FLIGHT})\b"
    r"|(?:'s)?\s+air\s+defen[cs]es?\b",
    _I)
# "Houthis shoot down US drone with a surface-to-air missile", "destroyer shoots down drone
# with Sea Viper missile": the side that downs an aircraft with a missile fired that
# missile (a defender of its sky, and its launcher).
DOWNS_AIRCRAFT_WITH_MISSILE = compile_fast(
    r"(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:(?:says?|said|claims?|claimed)\s+(?:that\s+)?(?:it|they)\s+)?"
    r"(?:(?:shoots?|shot|brings?|brought)\s+down|downs?|downed)\s+(?:[\w.-]+\s+){0,4}?"
    r"(?:drones?|UAVs?|aircraft|jets?|planes?|helicopters?|warplanes?|fighters?|bombers?|Reapers?"
    r"|(?:Su|MiG|Tu|Ka|Mi|Il|F)-\d+\w*)\b[^.;]{0,60}?"
    r"\b(?:with|using|by)\s+(?:an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:surface-to-air|SAMs?\b|anti-aircraft|air[- ]defen[cs]e|missiles?\b|interceptors?\b)"
    # "Iranian air defence fired two missiles at airliner": missiles fired at an aircraft.
    r"|(?:'s)?\s+(?:[\w-]+\s+){0,3}?(?:fired|fires|launched|launches|shot)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:missiles?|SAMs?|interceptors?)\s+at\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:airliners?|aircraft|jets?|planes?|helicopters?|drones?|UAVs?|balloons?)\b",
    _I)
# "Za pomocą brytyjskich pocisków", "using British missiles", "British missiles were used in
# a Ukrainian attack": the weapon's supplier, when the text names who used it.
INSTRUMENT_BEFORE = compile_fast(r"\b(?:using|used|uses|use|employing|employed)\s+(?:the\s+|its\s+|their\s+)?$", _I)
USED_AFTER = compile_fast(
    r"(?:'s)?(?:\s+[\w-]+){1,4}?\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being)\s+(?:used|deployed|employed)\b",
    _I)
# A headline's topic label before a colon ("Ukraine Latest:", "Russia-Ukraine live
# updates:", "South Korea:"): a topic or a sayer, not the subject of what follows.
LABEL_AFTER = compile_fast(r"(?:'s)?(?:[-\s]+[\w-]+){0,3}?\s*:\s", _I)
COORDINATED_SUBJECTS = re.compile(r"\s*(?:,|and|&)\s*")
AGENCY_BEFORE = compile_fast(r"\baccording to\s+(?:the\s+)?$", _I)
# A company or a ship named by its country ("UK shipping company", "British-owned
# tanker"), or pausing its transits ("... suspends Red Sea voyages"), is what was attacked
# or what reacts: never the launcher, whose missile it is.
_MERCHANT_SHIPS = (r"tankers?|freighters?|(?:cargo|merchant|container|commercial)\s+(?:ships?|vessels?)|bulk carriers?"
                   r"|car carriers?|LNG carriers?")
# The words between the name and its firm or ship: none a weapon or a verb of attack
# ("Houthi missile hits bulk carrier": the missile is the name's, the carrier is not).
_OWNED_WORD = r"(?!(?:missiles?|rockets?|drones?|projectiles?|hits?|strikes?|struck|attacks?|targets?|fires?)\b)[\w&.-]+\s+"
OWNER_AFTER = compile_fast(
    rf"(?:'s)?-(?:owned|flagged|operated|registered|managed)\s+(?:[\w&.-]+\s+){{0,2}}?(?:ships?|vessels?|{_MERCHANT_SHIPS})\b"
    # A flag is a ship's, whatever the ship is called ("The Greek-flagged, Piraeus-operated Suezmax").
    r"|-(?:flagged|registered)\b"
    rf"|(?:'s)?\s+(?:{_OWNED_WORD}){{0,2}}?(?:(?:shipping|container|tanker|shipowning|oil|energy|insurance)\s+"
    rf"(?:company|companies|firm|firms|giant|group|line|major)|shipping|ship ?owners?|shipowners?|shippers?"
    rf"|{_MERCHANT_SHIPS})\b"
    rf"|(?:'s)?\s+(?:{_OWNED_WORD}){{0,2}}?(?:pause[sd]?|pausing|halt(?:s|ed)?|suspend(?:s|ed)?|stop(?:s|ped)?|reroute[sd]?"
    r"|divert(?:s|ed)?)\s+(?:all\s+|its\s+|their\s+)?(?:Red Sea\s+)?(?:transits?|voyages?|shipping|shipments?"
    r"|sailings?|passages?|routes?)\b",
    _I,
)


# --- time ----------------------------------------------------------------------------

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
PART_HOURS = {"early": 5, "morning": 9, "afternoon": 15, "evening": 19, "night": 22, "late": 22}

ZONE_NAMES = r"KST|JST|UTC|GMT|EST|EDT|PST|PDT|IST|PKT|MSK|IDT|IRST|CET|CEST|AEST|AEDT|ET|PT|BST"
_ZONE = rf"(?:\s*\(?\s*(?P<zone>{ZONE_NAMES})\b\)?)?"
CLOCK_TIME = compile_fast(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d)(?::[0-5]\d)?)?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])" + _ZONE
    + r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!\s*(?:a\.?m|p\.?m))" + _ZONE.replace("zone", "zone24")
    + r"|\b(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<zone_mil>UTC|GMT|KST|JST)\b"
    + r"|\b(?P<noon>noon|midnight)\b",
    _I,
)
# The wire of a dateline after its city and date: "SEOUL, June 26 (Yonhap) --", "TOKYO, July
# 12 Kyodo -", "SEOUL (Reuters) -": the date and the wire are the report's, not the launch's.
DATELINE_WIRE = r"\s*(?:\([^()\n]{1,20}\)|Kyodo|Reuters|AP|AFP|Yonhap|PAP|PTI)\s*(?:--|[-–—])"
DATELINE_WIRE_AFTER = re.compile(DATELINE_WIRE)
_MONTH_NAME = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE = compile_fast(
    rf"(?:\b(?:the\s+)?(?P<mpart>night|morning|afternoon|evening)\s+of\s+)?\b{_MONTH_NAME}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    rf"|\bon the (?P<dom>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:anniversary|time|day of|round|year|floor))"
    rf"|\b(?:(?P<wpart>early|late)\s+(?:on\s+)?)?(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?:\s+(?P<wpart2>morning|afternoon|evening|night))?"
    rf"|\b(?P<rel>today|yesterday|tonight|last night|this morning|this afternoon|this evening|early hours|overnight"
    rf"|the previous day|the day before|a day earlier|the previous night|the night before)\b",
    _I,
)
PART_OF_DAY = compile_fast(r"\b(?P<part>early|morning|afternoon|evening|night|late)\b", _I)


# --- words read in every item ----------------------------------------------------------

_NOT_OF_PEOPLE_BEFORE = "".join(f"(?<!{verb} )" for verb in ("kills", "killed", "killing", "injures", "injured",
                                                                "injuring", "wounds", "wounded", "wounding", "hurts"))
_NOT_OF_PEOPLE_AFTER = r"(?!\s+(?:of\s+)?(?:people|civilians|dead|wounded|injured|killed|hurt|casualties|residents))"

SHARED = SharedWords(
    civil_space=(
        r"\b(?:NASA|SpaceX|Space X|Falcon ?9|Falcon Heavy|Starship|Blue Origin|New Shepard|New Glenn"
        r"|Rocket Lab|ISRO|PSLV|GSLV|Chandrayaan|Gaganyaan|JAXA|H-?IIA|H-?IIB|Arianespace|Ariane ?\d?"
        r"|Roscosmos|Soyuz|Long March|Peregrine|Artemis|Ares I|space shuttle|Atlantis|astronauts?"
        r"|International Space Station|ISS|lunar|moon lander|Moon mission|Crew-?\d|Starliner|Vulcan"
        r"|Atlas V|Delta IV|Antares|Cygnus|Virgin Orbit|Virgin Galactic|Firefly|Relativity Space"
        r"|communications satellite|weather satellite|(?:astronomy|astronomical|navigation|meteorological) satellite"
        r"|commercial satellite(?! (?:imagery|images?|photos?|pictures?|photographs?))|satellite delivery"
        r"|commercial launch vehicles?|Earth[- ]observation satellites?"
        r"|(?:space|rocket|launch) (?:startup|company|firm)s?|startup's (?:[\w-]+ ){0,2}?rocket|private rocket|commercial rocket"
        r"|Space One|Kairos|Electron rocket|Vega-?C?|Epsilon|Kuaizhou|Zhuque-?\d*|LandSpace|Galactic Energy|iSpace"
        r"|spaceflight|(?:research|scientific|science) rockets?"
        # What launches leave in the air, studied: "soot from rocket launches", "rocket emissions".
        r"|(?:soot|emissions|pollution|black carbon|exhaust|debris) from (?:rocket |space )?launches"
        r"|rocket (?:emissions|exhaust|soot|pollution)"
        # Rockets built by students and amateurs: "Student-Built Rocket", "amateur rocketry".
        r"|student[- ](?:built|made|designed)|students'? rockets?|amateur rocket\w*|hobby rockets?|model rockets?|rocketry clubs?"
        r"|Gilmour|Isar Aerospace|Orbex|Skyrora|Innospace|Hanbit|Perigee Aerospace|sounding rocket|Shenzhou|Tiangong|Chang'e"
        r"|Nuri (?:rocket|space rocket|launch vehicle)|KSLV(?:-II)?|Naro Space Center|Korea Aerospace Research Institute"
        r"|Korea AeroSpace Administration"
        r"|ESA|European Space Agency|CNES|Tanegashima|Uchinoura|Sriharikota|Satish Dhawan"
        r"|(?:H3|H-3)(?= (?:rocket|launch vehicle))|(?<=rocket )(?:H3|H-3))\b"
    ),
    defence=(
        r"\b(?:THAAD|Terminal High Altitude|Patriots?|Iron Dome|David's Sling|Arrow[- ]?\d|Aegis|SM-\d"
        r"|Golden Dome|missile[- ]defen[cs]e|air[- ]defen[cs]e systems?|interceptors?|anti-missile"
        r"|missile shield)\b"
    ),
    # What a headline with no launch of any tense braces for: threats, warnings, alerts.
    anticipation=(
        r"\b(?:threat(?:s|en|ens|ened|ening)?|warns? of|warned of|brac(?:es|ed|ing) for|on (?:high |heightened |full )?alert"
        r"|fears? (?:of|over)|vows? (?:to|revenge|retaliation|response)|prepar(?:es|ed|ing) for"
        # A permission to use weapons: their use is still to come ("Biden lets Ukraine use ...").
        r"|(?:allows?|allowed|lets|letting|permits?|permitted|authori[sz](?:es|ed|ing)|approves?|approved"
        r"|green-?lights?|clears?|cleared) (?:[\w.'-]+ ){0,3}?(?:to )?use"
        # What a use would mean: "Use of ATACMS against Russia would mean a new phase".
        r"|(?:use|firing|deployment|delivery|transfer) of (?:[\w.'’-]+ ){1,5}?(?:would|could|will|might))\b"
    ),
    interception=(
        r"\b(?:intercept(?:s|ed|ing|ions?)|shoots? down|shot down|brings? down|brought down|downs|downed|meets?|met|engag(?:es|ed)"
        r"|repel(?:s|led)|fends? off|in action|at work|light(?:s|ed)? up|lit up|miss(?:es|ed))\b"
    ),
    non_missile=(
        r"\b(?:balloons?|drones?|UAVs?|unmanned aerial|Shahed|artillery (?:shells?|rounds?|shots?|fire|firing)"
        r"|(?<!launcher )(?<!rocket )(?<!super-large )(?<!super-large['’] )(?:shells|rounds)\b(?! of (?:[\w-]+ ){0,2}(?:rockets?|missiles?))|howitzers?|mortars?|tank fire|warning shots?"
        r"|(?:rocket |missile )?engine tests?|(?:solid[- ]fuel )?(?:engine|motor) test|static (?:fire|firing)"
        r"|ground jet test|nuclear test|underwater (?:nuclear )?(?:attack )?drone|Haeil[- ]?\w*|air ?strikes?"
        r"|warplanes?|fighter jets?|bombers?|GPS jamming|loudspeakers?|gunfire|shooting|gunm[ae]n|shooters?|stabbings?"
        r"|rifles?|pistols?)\b"
    ),
    # Anniversaries, obituaries, aggregate counts: the item looks back.
    retrospective=(
        r"\b(?:anniversary|years? ago|decades? ago|remember\w*|obituar\w*|in memoriam|dies at \d+|died aged"
        r"|since (?:the (?:war|start|beginning)|October 7)|so far this year|to date|in \d+ days"
        r"|a year since|one year (?:since|on)|[\w-]+ (?:years|decades) since|on this day|this day in history|marks? \d+ years"
        r"|history of|memorial|retrospective|looking back|look back at|vintage|archive (?:photos|footage)"
        r"|commemorat\w*|who survived"
        r"|World War (?:Two|II|2|One|I)\b|WWII|WW2|Second World War|Cold War"
        r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
        r"|several|many|\d+) (?:years?|months|decades?) (?:after|on\b)"
        # Fire told over a span: "after two decades of rocket fire", "three years of missile barrages",
        # "who masterminded years of rocket attacks".
        r"|(?:(?:(?:two|three|four|five|six|seven|eight|nine|ten|twenty|several|many|\d+) )?(?:years|months|decades)"
        r"|\b(?:a|one) (?:year|month|decade)) of"
        r"(?= (?:[\w'’-]+ ){0,2}(?:rocket|missile)s?\b)"
        r"|funeral|laid to rest"
        # Rebuilt and restored: long after ("hospital hit by missile rebuilt, reopens"; not
        # "hits rebuilt bridge").
        r"|rebuilt(?=\s*(?:[,.;:]|$|and\b|after\b|as\b))|fully restored"
        r"|(?:(?<=after )|(?<=following ))(?:repairs|restoration|reconstruction|renovation|rebuilding)"
        # An old campaign, a death mourned: "mourns commander who oversaw 2006 rocket campaign".
        # (A name between: "during 1991 Scud attacks", "the 2006 Hezbollah rocket campaign".)
        r"|(?:19|20)\d\d (?:[A-Z][\w-]+ )?(?:(?:rocket|missile) (?:attacks?|strikes?|fire|campaigns?|barrages?|war)"
        r"|(?<=[a-z] )(?:attacks|strikes|barrages))|mourns?|mourned"
        r"|after a (?:long|short) illness)\b"
    ),
    flight_detail=(
        r"\b(?:flew|flown|travel+ed|travel+ing|flying|flight (?:distance|time)|apogee|altitude|lofted"
        r"|landed|splash(?:ed)? down|splashed|fell into|fell in|crashed into|impacted|EEZ"
        r"|exclusive economic zone|trajectory|top speed|Mach \d+|detected the launch|were launched|was launched"
        r"|intercepted|shot down)\b"
    ),
    # Besides the gazetteer's agencies: words for one that the gazetteer cannot name.
    agency_words=r"\b(?:defen[cs]e ministry|Coast Guard)\b",
    satellite=r"satellite|space ?planes?|carrier rocket|space rocket|space (?:launch )?vehicle|SLV|Chollima|Malligyong|Simorgh|Safir|Unha|Kwangmyongsong|Qaem",
    # A classified or secretive payload is a military or intelligence one.
    military_space=r"military|spy|reconnaissance|secretive|classified",
    # Digests and look-backs: whatever launches they list, they report none.
    digest=(
        r"\b(?:timeline|chronology|a look back|year in review|in pictures|in numbers|by the numbers"
        r"|list of key events|week in review|what happened|recap|a history"
        # Photo galleries: pictures of many events, none reported.
        r"|(?:photos?|pictures?|images?) of the (?:day|week|month|year)|(?:photo|picture) (?:gallery|essay))\b"
    ),
    # Totals over a period: statistics, not a report of one launch.
    aggregate=(
        r"\b(?:since (?:(?:the |its )?(?:war|start|beginning|outbreak|invasion|full-scale invasion)|October 7)|(?<!know )so far|to date|in total|this year"
        r"|in (?:the )?(?:past|last) \d+ (?:days|weeks|months|years)|in \d+ (?:days|weeks|months|years)|a total of"
        # "launches quadruple over decade"; not "first launch in decades", a superlative.
        r"|over (?:(?:a|the) )?(?:(?:past|last) )?decades?|in the (?:past|last) decades?"
        # "a record 70 missiles last year", "more than 200 missiles since October".
        r"|(?<!since )last year|a record \d+|(?:more than|over|at least) [\d,]+ (?:[\w-]+ ){0,2}(?:missiles|rockets) since"
        # "a record number of missiles in 2022", "more than 100 missiles in the past year".
        r"|in (?:19|20)\d\d|(?:in|over|during) (?:the )?(?:past|last) (?:year|month|decade)"
        # "2022 launches already exceed any previous year".
        r"|(?:any|every|all) (?:previous|prior|other) years?"
        # A trend or a day's count of hundreds: "fires fewer cruise missiles", "shelled ... 512 times".
        r"|fewer (?:[\w-]+ ){0,2}(?:missiles|rockets)|\d{2,} times"
        # "12,000 rockets in first year of war".
        r"|in (?:the |its )?(?:first|second|third) (?:year|months?|weeks?|days) of (?:the )?(?:[\w'’-]+ ){0,2}?"
        r"(?:war|invasion|conflict|campaign|escalation|offensive|counteroffensive|fighting))\b"
    ),
    # Periods that make a total only with a count (`total_count`); no frame alone ("the
    # killing of three members last month" dates another event).
    total_period=(
        r"\b(?:since (?:start|beginning|outbreak) of (?:the )?war|since (?:" + _MONTHS + r")(?: \d{1,2})?|since (?:19|20)\d\d"
        # "since Jan. 1", "since Oct. 17"; "since ceasefire collapse"; "over four days of fighting".
        r"|since (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?: \d{1,2})?|since (?:the )?(?:ceasefire|truce)"
        r"|over (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several) (?:days|weeks|months|years)"
        r"|(?:weekly|monthly|daily|annual|yearly) (?:tally|count|figures)"
        # "during 11-day conflict", "in a single week", "last month", "in June": spans of time.
        r"|(?:during|over|in) (?:an? |the )?(?:\d+|[a-z]+)-(?:day|week|month|year)\b|in (?:a |one )?(?:single )?(?:week|month|year)"
        # "in six months of the counteroffensive", "during May".
        r"|in (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:days|weeks|months|years)"
        r"|during (?:" + _MONTHS + r")\b"
        r"|(?:last|past|this) month|in (?:" + _MONTHS + r")"
        r"(?! \d)(?!\s+(?:attacks?|strikes?|barrages?|salvos?|assaults?|raids?|waves?))"
        # Headlines drop the article: "in first six months of war", "over past two weeks".
        r"|(?:in|over|during) (?:the )?(?:past|last|first) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve"
        r"|twenty) (?:days|weeks|months|years)|(?:over|during) (?:\d+|two|three|four|five|six|seven|eight|nine|ten"
        r"|twelve) (?:weeks|months|years)|over the course of (?:the )?(?:war|conflict|year|month)"
        # "in first half of 2025", "over the winter".
        r"|(?:in|during|over) (?:the )?(?:first|second) half of (?:the year|(?:19|20)\d\d)"
        r"|(?:over|during|through(?:out)?) (?:the )?(?:winter|summer|spring|autumn)(?: months)?"
        # "fell to lowest level in months": a statistic's comparison.
        r"|(?:lowest|highest) (?:level|monthly|number)|record (?:low|high)"
        # "tally shows", "data shows", "report finds": a statistic's source stands for its period.
        r"|tally|(?:data(?:base)?|figures?|counts?|records?) (?:shows?|suggests?)|report finds|think[- ]tank"
        # Rates and a week's tally: "a handful a month", "an average of 12 per attack", "launched
        # ... 30 missiles this week" (not "last week", which dates one attack).
        r"|(?:a|per) (?:day|week|month|year)(?!\s+(?:after|before|earlier|later|ago|since)\b)|(?:an )?average of|on average|this week|(?:over|in) the (?:past|last) week)\b"
    ),
    # Thousands of missiles or rockets: no single salvo is that large, so the number is a total.
    bulk_count=r"\b\d{1,3}(?:,\d{3})+\+?\s+(?:[\w-]+\s+){0,2}(?:missiles|rockets)\b",
    # Sport: "fires rocket into top corner".
    work_title=(r"\b(?:film|movie|series|documentary|video game|game|novel|play|musical|album|song|single)\s+"
                r"(?:'[^']{1,40}'|\"[^\"]{1,40}\"|‘[^’]{1,40}’|“[^”]{1,40}”)"
                # A headline about a video game, whose weapons are the game's: all of it.
                r"|^[^\n]*\b(?:Call of Duty|Black Ops|Modern Warfare|Warzone|Battlefield (?:\d|V\b)|Helldivers|Fortnite"
                r"|War Thunder|World of Tanks|Grand Theft Auto|GTA ?\d|Kerbal Space Program|killstreaks?|Warbonds?"
                r"|stratagems?|battle pass|DLC|roguelikes?|roguelites?|bullet[- ]hell|shmups?|indie games?|Arma (?:\d|Reforger)"
                r"|lets (?:you|players)"
                # ... or where a game comes out: its consoles and stores.
                r"|Nintendo|PlayStation|PS[45]|Xbox|on (?:the )?Switch|on Steam|game reviews?|arcade games?"
                # ... or about a screen thriller, and a summary that tells its plot ("Netflix's new
                # thriller about an ICBM intercept tops the chart || The film follows ...").
                r"|Netflix|HBO|Disney\+|Prime Video|box office|thriller)\b[^\n]*"
                r"|\n(?:The )?(?:film|movie|series|thriller|show) (?:follows|tells|depicts|is about)\b[^\n]*"),
    sport=(
        # (A missile "scores a direct hit" or "a bull's eye": no game.)
        r"\b(?:goals?|(?:scores?|scored)(?! ['‘\"“]?(?:an? |another )?(?:direct |precise )?(?:hits?|bull'?s[- ]?eyes?)\b)|top corner|free[- ]kick|penalty|(?<!hunger )striker|midfielder|goalkeeper|league|FA Cup"
        r"|World Cup|Premier League|innings|wickets?|touchdown|quarterback|home run|matchday|tournament"
        r"|Olympics?|semi-finals?|final whistle|derby|(?:head |assistant )?coach(?:es)?|NBA|NFL|NHL|MLB|WNBA"
        r"|playoffs?|(?:losing|winning) streak|snooker|darts|\d+-point|win over|century to|tennis|Wimbledon|Grand Slam"
        r"|triple-double|double-double|\d+ (?:rebounds|assists)"
        # Baseball's long hits: "launches a 460-foot missile for his 50th homer".
        r"|homers?|homered|walk-off|RBIs?|slugger|pitcher|\d+-foot (?:homers?|blasts?|shots?|missiles?|rockets?)"
        # A game's score ("Rockets blast Warriors 128-114"), not a range of weapons ("80-100 missiles").
        r"|(?:1[0-5]\d|[89]\d)-(?:1[0-5]\d|[89]\d)(?!\s+(?:[\w-]+\s+){0,2}?(?:missiles?|rockets?|drones?|projectiles?|km\b))"
        r")\b"
    ),
    # Explainers, opinion and questions: rarely the first report of a launch.
    supply=(
        # (Not "shipping", the traffic at sea: "missiles at Red Sea shipping"; nor a maker's
        # or supplier's adjective: "hit with U.S.-supplied missiles".)
        r"\b(?<!-)(?:ship(?:ped|ments?)|ships(?= (?:[\w-]+ ){0,2}(?:missiles?|rockets?|arms|weapons|munitions)\b)|deliver(?:s|ed|ing|y|ies)|suppl(?:y|ies|ied|ying|iers?)|transfer(?:s|red|ring)?"
        r"|sells?|selling|sold|sales|buys?|buying|bought|purchas\w+|orders|ordered|contracts?|arms deals?|aid packages?"
        r"|donat\w+|produc(?:e|es|ed|ing|tion)|output|manufactur\w+|factor(?:y|ies)|stockpil\w+|stocks? of|arsenals?|inventor(?:y|ies)|costs? (?:about |around |an estimated |roughly |up to |nearly |some |over )?(?:\$|€|£|US\$)\d|amass(?:es|ed|ing)?|hoard(?:s|ed|ing)?|exports?|procure\w*"
        # Weapons received: "Russia received Iranian ballistic missiles" (not "received reports").
        r"|receiv(?:es|ed|ing)(?= (?:(?:shipments? of|a batch of|deliver(?:y|ies) of|the first|its first|dozens of|hundreds of|\d+) )?(?:[\w-]+ ){0,3}(?:missiles?|rockets?|launchers?|arms|weapons|munitions)\b)"
        # Launchers moved or deployed: "Russia deploys Iskanders", "moves HIMARS launchers closer".
        r"|(?:re)?deploy(?:s|ed|ing|ments?)?|(?:moves?|moved|moving)(?= (?:[\w-]+ ){0,2}launchers?\b))\b"
    ),
    engine=r"\b(?:engines?|motors?|thrusters?)\b",
    display=(r"\b(?:parades?|paraded|military parade|(?:shows?|showed|showing) off|showcas(?:e|es|ed|ing)|unveil(?:s|ed|ing)?"
             r"|on display|displays|displayed|(?:arms|defen[cs]e) (?:show|fair|expo|exhibition))\b"),
    # (A topic, a colon and why or how: "Europe's missile gap: Why the continent can't ...".)
    # ("The Iran waivers are why missiles are flying": an argument, not a report.)
    explainer=(r"\?\s*$|:\s*why\s|:\s*how\s+(?!(?:[\w'’-]+\s+){0,3}?(?:carried|did|fired|launched|struck|hit|attacked"
               r"|pulled|managed|got|was|were)\b)|\b(?:is|are) why\b|\b(?:explained|analysis|opinion"
               r"|(?:survey|study|poll|research|analysis) (?:finds|found|shows|showed|suggests))\b"
               # A weapon judged, no launch told: "hypersonic missiles prove anything but",
               # "anti-ship missiles less accurate than feared".
               r"|\b(?:missiles?|rockets?|interceptors?|weapons?)\s+(?:(?:have|has)\s+)?"
               r"(?:(?:prove[dns]?|proving|are|is|remain|look|seem|appear)\s+)?(?:(?:far|much|even|no)\s+)?"
               r"(?:(?:less|more)\s+(?:accurate|effective|reliable|lethal|capable|precise|deadly|dangerous|invincible)"
               r"|anything but|vulnerable|ineffective|overrated|unreliable|inaccurate|no match)\b"),
    explainer_start=(
        # A video or a live page tells its news; a question after its label still asks.
        # ... and so does one under a genre label in brackets: "[Column] Why Pyongyang's ...".
        r"(?:(?:video|watch|live)\s*:\s*|\[(?:column|opinion|analysis|editorial|explainer|commentary|op-ed)\]\s*)?"
        r"(?:what|why|how|who|will|could|can|is|are|has|have|does|do|should|opinion|analysis"
        r"|commentary|explainer|editorial)\b|(?:analysts?|experts?|view|comment|perspective|podcast|polls?|survey)\s*:"
    ),
    genre_label=r"(?:opinion|analysis|commentary|editorial|explainer|column|op-ed|podcast)\s*(?:[:|]|\s[–—-]|-(?=[A-Z]))\s*",
    # Obituary headlines: "Hannah Ben Artzy, 68: Retired teacher ...".
    obituary_start=r"[A-Z][\w'’. -]{2,60}, \d{1,3}: ",
    obituary=r"\b(?:obituar\w*|in memoriam|(?:dies|died|passes away|passed away) (?:at|aged) \d{1,3})\b",
    # Memorials and obituaries look back wherever they stand; "fired on the anniversary of"
    # times a new launch.
    look_back_label=(r"^(?:on this day|this day in history|looking back|flashback|throwback|from the archives?)\b"
                     r"|\ba retrospective\b|\b(?:vintage|archive|archival) (?:photos|pictures|footage)\b"
                     # A summary over launches past: "by the numbers", "a timeline", "year in review".
                     r"|\bby the numbers\b|\bin (?:numbers|charts)\b|\ba timeline\b|^timeline\b|\byear in review\b"
                     r"|^a look (?:back )?at\b"),
    always_looks_back=(r"remember|memorial|funeral|laid to rest|obituar|in memoriam|dies at|died aged|(?:19|20)\d\d "
                       r"|retrospective|looking back|look back at|vintage|archive|recall|rebuilt|fully restored"),
    # (Not a count of people: "kills 7, injures dozens", "hundreds of civilians"; nor of what
    # one missile carries or what the missiles hit: "Agni-5 with multiple warheads", "several targets".)
    vague_count=(rf"{_NOT_OF_PEOPLE_BEFORE}\b(?:several|multiple|dozens|scores|hundreds|numerous|a number)\b"
                 rf"{_NOT_OF_PEOPLE_AFTER}"
                 r"(?!\s+(?:independently[- ]targ\w+\s+)?(?:warheads|re-?entry vehicles|targets|times|directions|locations))"),
    magnitude_count=rf"{_NOT_OF_PEOPLE_BEFORE}\b(?:dozens|scores|hundreds|thousands)\b{_NOT_OF_PEOPLE_AFTER}",
    volley_words=r"\b(?:barrages?|salvos?|volleys?|waves?)\b",
    superlative=SUPERLATIVE,
    altitude=r"altitude|apogee",
    missile_noun=r"\bmissiles?\b",
    restored=r"rebuilt|fully restored|repairs|restoration|reconstruction|renovation|rebuilding",
    harmed=r"\b(?:(?:hit|struck)\s+by|damaged|destroyed|wrecked|gutted|ruined)\b",
    photo_caption=(
        # A photo credit closing it ("(AP Photo/...)", "(Name/AFP)"), not a wire's byline ("(Reuters)").
        r"\([^()]{0,60}(?:\b(?:Photo|Photograph|Pool|Getty Images)\b|/\s*(?:Reuters|AFP|EPA|AP)\b)[^()]{0,40}\)\s*$"
        r"|(?<=\n)\s*FILE(?: PHOTO)?\s*[-–—:]"
    ),
    # "North Korea fires ballistic missiles after ICBM tests", "days after it fired an
    # ICBM", "following last month's IRBM launch", "in response to the North's ICBM launch":
    # the class is another launch's ("first ICBM since 2017" names it before "since"; "a new
    # version of its previous ICBM" is this launch's class, so "previous" alone is no such word).
    other_event_before=(
        r"\b(?:after|following|since|follows|followed|in response to|in retaliation for)\b"
        r"|\b(?:last|previous) (?:week|month|year)(?:'s|’s)"
        r"|\bearlier (?:this|in the) (?:week|month|year)\b"
        # A class the text denies: "a new intermediate-range weapon, not an ICBM".
        r"|\b(?:not|rather than|instead of)\s+(?:an?\s+)?$"
    ),
    # "... fired an ICBM earlier this year"; "first ICBM since last year" is this launch's.
    other_event_after=r"(?<!since )\b(?:earlier (?:this|in the) (?:week|month|year)|last (?:week|month|year))\b",
    # Headlines drop the article: "fires missile into sea"; "into its eastern sea" and "off
    # its east coast" too.
    count_period=r"\bsince\b|\bso far\b|\bto date\b",
    place_tally=(
        r"\b(?:fell|landed|exploded|crashed|struck|hit|slammed into|were (?:shot down|downed|intercepted|destroyed))"
        r"\s+(?:(?:on|in|into|over|near)\s+)?(?:the\s+)?(?!(?:Ukraine|Israel|Russia|Japan|Korea|South Korea|Taiwan"
        r"|Poland|Syria|Iraq|Iran|Yemen|Saudi Arabia|Lebanon|Gaza)\b)"
        r"(?:capital|city|town|port|region|oblast|(?-i:[A-Z])[\w'-]+)"
    ),
    stopped_over=r"\b(?:intercepted|shot down|downed|brought down|destroyed)\s+(?:[\w-]+\s+){0,3}?(?:over|above)\s+(?:the\s+)?$",
    wide_attack=(r"\bacross (?:the country|the nation|(?-i:[A-Z])\w+)|\bnationwide\b|\ball over (?:the country|\w+)"
                 r"|\bcities\b|\bregions\b"),
    count_with_others=(r",?\s+(?:and|&|or|plus)\s+(?:(?!\d)[\w-]+\s+){0,2}?(?:drones?|UAVs?|Shaheds?|unmanned aerial vehicles"
                       r"|(?:glide |guided |aerial )?bombs)\b|,\s+(?:drones|UAVs|Shaheds)\b"),
    count_with_bombs=r"\bbombs\b",
    count_of_classes=r",?\s+(?:including|among them|among which|incl\.|such as)\s",
    other_time_before=(
        r"\b(?:sirens?|alarms?|air[- ]raid alert|J-Alert|alert was issued|navigational warning|posted|tweeted"
        r"|(?:said|wrote) on X|statement (?:issued|released)|issued|briefing|press conference|told reporters"
        # ... a message sent, a statement published, a saying's own time, a meeting
        r"|sent|published|(?:said|announced|reported)(?: on \w+)? at|meet|meeting|summit)\b"
    ),
    # (also "southward", "toward the east", "flew about 250 km northeast")
    heading=(
        r"\bin\s+an?\s+(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|erly)?\s+direction\b"
        r"|\b(?:flew|flying|headed|heading|travell?ed|traveling|fired|launched)\s+"
        r"(?:(?:about|some|roughly|around|approximately|nearly)\s+)?(?:[\d,.]+\s*(?:km|kilomet(?:er|re)s|miles)\s+)?"
        r"(?:north|south|east|west)(?:-?(?:east|west))?(?:wards?)?\b(?!\s+(?:korea|sea|coast|of|china|pacific|side|africa)\b)"
        r"|\b(?:north|south|east|west)(?:-?(?:east|west))?wards?\b"
        r"|\btowards?\s+the\s+(?:north|south|east|west)(?:-?(?:east|west))?\b(?![\w-])"
        r"(?!\s+(?:korea|sea|coast|china|pacific|side|africa|asia|bank|of)\b)"
    ),
    generic_sea=(
        r"\b(?:into|toward|towards|in|off)\s+(?:the\s+|its\s+|their\s+)?(?:(?:east|west|north|south)(?:ern)?\s+)?"
        r"(?:sea|seas|waters?|ocean)\b"
        r"|\boff\s+(?:(?:its|the|their)\s+)?(?:east|west|north|south)(?:ern)?\s+coast\b"
    ),
    sea_as_name_after=(
        r"\s+(?:port|ports|fleet|fleet's|coast|coastline|region|city|cities|peninsula|base|naval|headquarters"
        r"|shipping|grain|corridor|harbou?r)\b"
    ),
    sea_origin_before=r"\bfrom\s+(?:[\w-]+\s+){0,3}$",
    sayer_after=(
        r"(?:'s|’s)?\s*(?:(?:military|army|officials?|authorities|government|president|prime minister|leader"
        r"|military (?:chief|head)|defen[cs]e ministry)\s+)?(?:says|said|say|claims?|claimed|reports?|reported"
        r"|confirmed|announced|told|admits?|admitted)\b"
    ),
    sayer_before=r"\b(?:say|says|said)\s+(?:the\s+)?$",
    statement_before=(
        r"\b(?:said|says|announced|reported|confirmed|added|stated|told\s+(?:[\w-]+\s+){1,2}?)\s*(?:on\s+)?$"
    ),
    credit_before=r"\b(?:according to|citing)\s+(?:the\s+)?(?:[\w'.-]+\s+){0,3}$",
    # "..., Zelenskyy says", "the Kyiv City Military Administration said Tuesday", "Ukrainian
    # Officials Assert", "its neighbors say", "Sky News understands".
    # Not a passive ("is said to", "were reported", "explosions reported in Kyiv").
    speaker_verb=(
        r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )"
        r"\b(?:says|said|say|asserts?|asserted|claims?|claimed|reports|reported|confirms?|confirmed|announces?"
        r"|announced|understands|told|wrote|writes|stated)\b"
        r"(?!\s+to\b)(?<!reported(?=\s(?:in|across|at|near|from|by)\b))"
    ),
    # An English speaker after its verb closes the clause: "..., says the ministry"; "said the
    # attack ..." names what was said.
    # (", said Zelenskyy"; not ", said in a statement")
    speaker_verb_first=r"[,:]\s*(?:says|said|say)\s+(?!(?:that|in|on|at|after|before|during|via|through|late|early)\b)",
    speaker_credit=r"\b(?:according to|citing)\s+",
    speaker_end=r"(?:on|at|that|who|which|while|when|as|for|to|via|after|in a|in an)\b",
    speaker_clause_start=(
        r"(?:that|what|as|while|when|after|but|because|which|who|whom|where|since|though|although|if)\b"
    ),
    speaker_titles=(
        r"(?:President|Gen\.|General|Governor|Gov\.|Mayor|Minister|Prime Minister|Adm\.|Admiral|Col\.|Colonel"
        r"|Lt\.|Spokesman|Spokeswoman|Spokesperson)"
    ),
    not_speaker=(
        r"(?:he|she|it|they|we|i|you|this|these|those|there|that|one|reports?|media|sources?|live|latest|breaking"
        r"|updates?|video|watch|exclusive|analysis|opinion|explainer|multiple|some|many|others"
        # A verb's parts: the phrase is a clause, not its subject.
        r"|is|are|was|were|be|been|has|have|had|will|would|could|can|may|might|should|must|to|not"
        # What happened, not who says so ("explosions reported", "the scale of the attack"),
        # and what a strike left ("no injuries or damage reported", "casualties reported").
        r"|attacks?|strikes?|explosions?|blasts?|launch|launches|debris"
        r"|no|nor?|or|injur(?:y|ies)|casualt(?:y|ies)|damage|deaths?|dead|wounded|fatalit(?:y|ies)|victims?|losses"
        # A time adverb after a state's name: the state, not a speaker ("North Korea later said").
        r"|later|earlier)"
    ),
    reporter_after=(
        r"(?:'s)?\s*(?:military (?:says|said|reports?|reported|officials?|assess(?:es|ed)?|estimated?|counted|tallied|tracked|recorded|identified)|Joint Chiefs|JCS|defen[cs]e ministry|Defen[cs]e Ministry|Ministry of Defen[cs]e|MOD\b|government"
        r"|officials?|authorities|Coast Guard|(?:navy|army|military|air force) (?:says|said|reports?|reported)|media|state media|Foreign Ministry|president|prime minister|leader"
        r"|said|says|claims?|claimed|reported|reports|warns?|warned|believes|confirmed|announced|told|detected|added|assess(?:es|ed)"
        r"|statement|press release"
        # "South Korea's top military officer told", "Seoul lawmakers told": who briefs or is briefed.
        r"|(?:(?:top|senior|chief)\s+)?(?:military|defen[cs]e|army|navy|intelligence)\s+(?:officers?|officials?|chiefs?"
        r"|commanders?|spokes(?:man|woman|person))|lawmakers|legislators|MPs"
        # "Japan urges residents to take cover": who warns of a launch observes it.
        r"|urg(?:es|ed) (?:[\w'’,-]+ ){0,6}?to (?:take cover|take shelter|shelter|evacuate)"
        # "Ukraine revises number of missiles to 127": who counts again reports the attack.
        r"|(?:revises|revised|updates|updated|raises|raised|lowers|lowered|corrects|corrected|adjusts|adjusted)\s+"
        r"(?:(?:its|the|their)\s+)?(?:[\w-]+\s+)?(?:number|count|tally|toll|figures?|estimates?)"
        # "Moscow did not comment": asked about it, the side is no launcher.
        r"|(?:did not|didn't|has not|hasn't|had not|declined to|would not|refused to)\s+(?:immediately\s+)?(?:comment|respond)"
        # "UK maritime agency", "Britain's maritime trade agency": an agency reports.
        r"|(?:[\w-]+\s+){0,3}?(?:agency|officials?)|Maritime Trade Operations"
        r"|Iron Dome|air defen[cs]es?|interceptors?)\b"
        r"|:\s"
    ),
    launched_by=(r"\b(?:fired|launched|lobbed)\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?"
                 r"(?:[\w-]+-(?:backed|led|allied|aligned)\s+)?$"),
    debris=r"debris|wreckage|fragments?",
    unnamed_launcher=(
        r"\b(?:militants?|terrorists?|fighters|gunmen|insurgents|rebels|guerrillas|militiamen|militias?|jihadists"
        r"|extremists|attackers)\s+(?:(?:who|that)\s+)?(?:(?:had|have|has|were|was|are|is)\s+)?$"
    ),
    actor_forms=(
        ("PRK", r"\bNK(?=(?:'s)? )|\bthe North(?:'s)?\b(?! (?:Atlantic|Sea|Pacific|Pole))"
                r"|(?:^|(?<=: ))North(?= (?:fires|fired|launches|launched|test-fires|test-fired|test-launches"
                r"|test-launched|lobs|lobbed|shoots|shot|conducts|conducted|says it))"),
        # Ship prefixes: "USS Carney", "INS Imphal", "HMS Diamond".
        ("USA", r"\bUSS(?= [A-Z])"),
        ("IND", r"\bINS(?= [A-Z])"),
        ("GBR", r"\bHMS(?= [A-Z])"),
    ),
    kinds=(
        ("icbm", r"(?<![A-Za-z])ICBMs?(?![A-Za-z])|intercontinental|Hwasong(?:pho)?[- ]?(?:1[345789]|20)\w*|Minuteman|Sarmat|\bYars\b|(?<![A-Za-z])Topol|RS-2[48]"
                 r"|\bDF-(?:4|5|31|41)\w*|Dong ?Feng[- ]?(?:4|5|31|41)|Agni[- ]?(?:V|5)\b"),
        ("slbm", r"(?<![A-Za-z])SLBMs?(?![A-Za-z])|submarine[- ]launched ballistic|ballistic missiles? (?:(?:was|were) )?(?:fired |launched )?from a submarine|Pukguksong|Trident|\bM51\b|\bJL-\d+"
                 r"|Bulava|\bK-[45](?= )"),
        ("irbm", r"(?<![A-Za-z])IRBMs?(?![A-Za-z])|intermediate[- ]range|Hwasong(?:pho)?[- ]?(?:1[02]|16)\w*|Musudan|\bDF-26|Agni[- ]?(?:III|IV|3|4)\b|Oreshnik"),
        ("mrbm", r"(?<![A-Za-z])MRBMs?(?![A-Za-z])|medium[- ]range|Shahab[- ]?3|Rodong(?![- ]Sh?inmun)|Nodong|Shaheen[- ]?(?:III|3)|Ghauri|Khorramshahr"
                 r"|Sejjil|\bEmad\b|Ghadr|Kheibar|Agni[- ]?(?:Prime|P|II|2)\b|\bDF-(?:17|21)\w*|Jericho[- ]?2|Ababeel"),
        ("srbm", r"(?<![A-Za-z])[SC]RBMs?(?![A-Za-z])|short[- ]range (?:ballistic )?missiles?|close[- ]range ballistic|KN-?(?:23|24|25)"
                 r"|Hwasong(?:pho)?[- ]?11\w*|Iskanders?(?!-K)|Fateh|ATACMS|Scuds?|Hyunmoo|Tayfun|PrSM|Prithvi|Ghaznavi|Abdali|\bNasr\b"
                 r"|Shaheen[- ]?(?:I|1)\b|Precision Strike Missile|Zolfaghar|Dezful|Tochka"),
        ("hypersonic", r"hypersonic|Dark Eagle|LRHW|ARRW|AGM-183\w*|Kinzhal|Zircon|Tsirkon|Avangard|Fattah|Oniks|Palestine[- ]?2|\bKh-47M2"),
        ("cruise", r"cruise|Tomahawk|Kalibrs?\b|\bKlub\b|Storm Shadow|SCALP|Hwasal|Pulhwasal|Padasuri|BrahMos|Babur|\bKh-(?!47M2)\d+|Iskander-K"
                   r"|Neptune|Flamingo|Taurus|Harpoon|Hsiung Feng|Burevestnik|Hoveyzeh|Paveh|Soumar|\bQuds[- ]\d|Ra'ad|Onyx"
                   r"|Nirbhay|surface-to-sea|sea-to-surface|ship-to-ship|anti-ship(?! ballistic)"),
        ("satellite_launch", r"satellite(?! (?:imagery|images?|photos?|pictures?|photographs?))|space ?planes?|carrier rocket|space launch vehicle|space rocket|\bSLV\b|Chollima|Unha|Simorgh"
                             r"|Safir|Qaem"),
        ("artillery_rocket", r"MLRS|multiple[- ]launch rocket|multiple rocket launch\w*|rocket launchers?|\b\d{3} ?-?mm\b"
                             r"|Grad\b|Katyusha|Qassam(?! Brigades)|Kassam|artillery rockets?|HIMARS|GMLRS|Tornado-[SG]|Smerch|Uragan"
                             r"|BM-(?:21|27|30)|Fadi[- ]?\d|Falaq"),
        ("ballistic", r"ballistic|Burkan[- ]?\d"),
        ("rocket", r"\brockets?\b(?![- ](?:force|engine|motor))"),
        ("unknown", r"unidentified projectile|unknown projectile"),
    ),
    seas=(
        ("East Sea", r"\bEast Sea\b|\bsea between Korea and Japan\b|\beastern waters\b"),
        ("Sea of Japan", r"\bSea of Japan\b|\bJapan Sea\b"),
        ("Yellow Sea", r"\bYellow Sea\b|\bWest Sea\b|\bsea between Korea and China\b|\bwestern waters\b"),
        # (Not a clock's zone: "12:01 a.m. Pacific time".)
        ("Pacific", r"(?<!Indo-)(?<!Asia-)\bPacific(?: Ocean)?\b(?! (?:(?:standard|daylight) )?time\b)"),
        ("Atlantic", r"\bAtlantic(?: Ocean)?\b"),
        ("Mediterranean", r"\bMediterranean\b"),
        ("Red Sea", r"\bRed Sea\b"),
        ("Black Sea", r"\bBlack Sea\b"),
        ("Persian Gulf", r"\bPersian Gulf\b|\bGulf of Oman\b"),
        ("Arabian Sea", r"\bArabian Sea\b"),
        ("Bay of Bengal", r"\bBay of Bengal\b"),
        ("White Sea", r"\bWhite Sea\b"),
        ("Barents Sea", r"\bBarents Sea\b"),
        ("Sea of Okhotsk", r"\bSea of Okhotsk\b"),
        ("East China Sea", r"\bEast China Sea\b"),
        ("South China Sea", r"\bSouth China Sea\b"),
        ("Taiwan Strait", r"\bTaiwan Strait\b"),
        ("Gulf of Aden", r"\bGulf of Aden\b"),
        ("outside Japan's EEZ", r"\boutside (?:Japan's |its )?(?:the )?(?:EEZ|exclusive economic zone)\b"),
        ("inside Japan's EEZ", r"\binside (?:Japan's |its )?(?:the )?(?:EEZ|exclusive economic zone)\b"),
    ),
)

TABLE = LanguageTable(
    code="en",
    verb_final=False,
    weapons=WEAPONS,
    reaction=REACTION,
    shared=SHARED,
    counts=COUNT,
    number_words=NUMBER_WORDS,
    distances=(DISTANCE, DISTANCE_TARGET),
    apogees=(APOGEE, APOGEE_AFTER, APOGEE_CLIMB),
    launch_sites=(LAUNCH_SITE, LAUNCH_SITE_SUBJECT, LAUNCH_SITE_DETECTED, LAUNCH_SITE_TOOK_PLACE, LAUNCH_SITE_AT,
                  LAUNCH_SITE_AREA),
    part_hours=PART_HOURS,
    total_count=TOTAL_COUNT,
    single_occasion=SINGLE_OCCASION,
    one_of_series=ONE_OF_SERIES,
    perfect_before=PERFECT_BEFORE,
    since=compile_fast(r"\bsince\b", _I),
    judged_after=JUDGED_AFTER,
    speaker_after=SPEAKER_AFTER,
    trend_after=TREND_AFTER,
    trend_nouns=TREND_NOUNS,
    rate=RATE,
    milestone=MILESTONE,
    shift=SHIFT,
    negation_before=NEGATION_BEFORE,
)
