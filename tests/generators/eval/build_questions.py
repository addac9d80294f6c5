"""Build questions.jsonl, the labelled evaluation set for the answer engine.

The questions below are hand-written. This script only adds the bookkeeping:
the action (from the catalog's dg:sensitive flag), sequential ids and the
dev/test split (alternating within each group). Run it from anywhere:

    python tests/generators/eval/build_questions.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PRODUCTS_DIR = ROOT / "catalog" / "products"
OUT = HERE / "questions.jsonl"

# --- product questions: (question, style) --------------------------------------------------------
# Action is "handover" when the product file has `dg:sensitive true`, otherwise "answer".
PRODUCTS: dict[str, list[tuple[str, str]]] = {
    "aangifte-vertrek-buitenland": [
        ("ik ga voor mn werk 2 jaar naar dubai moet ik iets doorgeven bij de gemeente", "indirect"),
        ("emigeren naar canada hoe schrijf ik me uit", "typo"),
        ("hoe vroeg mag ik mijn vertrek naar het buitenland melden", "informal"),
        ("vertrek buitenland doorgevn kost dat geld", "typo"),
        ("Dient men een vertrek naar het buitenland persoonlijk aan de balie te melden?", "formal"),
    ],
    "achternaamwijziging": [
        ("ik wil de achternaam van mijn vader niet meer dragen", "indirect"),
        ("achternaam van mn zoon verandere naar die van mij kan dat", "typo"),
        ("wat kost het om je achternaam te wijzigne", "typo"),
        ("hoe lang duurt een wijziging van je achternaam bij justis", "informal"),
        ("surname change in the netherlands how does it work", "english"),
    ],
    "afvalcontainer": [
        ("de klep van mn groene bak is afgebroken", "indirect"),
        ("kan ik een extra gft bak krijgn", "typo"),
        ("na het legen stond onze grijze bak er niet meer", "indirect"),
        ("containr omruilen voor een grotere wat kost dat", "typo"),
        ("kliko wiel kapot wie maakt dat", "short"),
    ],
    "afvalpas": [
        ("mn pasje voor de ondergrondse container is kwijt", "informal"),
        ("afvalpas aanvrgen nieuw huis", "typo"),
        ("ik krijg de vuilcontainer om de hoek niet open want ik heb geen pasje", "indirect"),
        ("nieuwe afvalpas kosten", "short"),
        ("is de eerste afvalpas gratis?", "informal"),
    ],
    "afvalstoffenheffing": [
        ("waarom betaal ik zoveel voor het ophalen van de vuilnis", "indirect"),
        ("afvalstofenheffing hoeveel is het voor 1 persoon", "typo"),
        ("betaal ik als huurder ook afvalheffing of doet de verhuuder dat", "typo"),
        ("Op basis waarvan wordt de hoogte van de afvalstoffenheffing vastgesteld?", "formal"),
    ],
    "akte-burgerlijke-stand": [
        ("ik heb een kopie van onze trouwakte nodig voor de bank", "indirect"),
        ("overlijdensakte van mijn moeder opvragen hoe", "informal"),
        ("meertalige huwelijkakte voor het buitenland wat kost dat", "typo"),
        ("akte burgelijke stand online aanvragen kan dat", "typo"),
        ("where can i get a copy of my marriage certificate", "english"),
    ],
    "belastingaanslag-bezwaar": [
        ("de woz van mijn huis is veel te hoog hoe maak ik bezwaar", "informal"),
        ("ik wil bezwaar maken tegen mn aanslag gemeentelijke belastingen", "informal"),
        ("buurman heeft precies hetzelfde huis maar een veel lagere woz waarde", "indirect"),
        ("tot wanneer kan ik bezwaar tegen de aanslag indiene", "typo"),
        ("kost een woz bezwaar geld", "short"),
    ],
    "belastingkwijtschelding": [
        ("ik kan de belasting van de gemeente niet betalen ik heb bijna geen inkomen", "indirect"),
        ("kwijtscheldng aanvragen voor de afvalstoffenheffing", "typo"),
        ("heb ik recht op kwijtschelding als ik een bijstandsuitkeing heb", "typo"),
        ("geen geld voor gemeentebelasting kwijtschelding", "short"),
        ("Hoe dien ik een verzoek tot kwijtschelding van gemeentelijke belastingen in?", "formal"),
    ],
    "bezwaar": [
        ("de gemeente heeft mijn aanvraag afgewezen wat kan ik daartegen doen", "indirect"),
        ("ik ben het niet eens met een beslissing van de gemeente", "indirect"),
        ("hoeveel weken heb ik om bezwaar te maken tegen een besluit", "informal"),
        ("beswaar indiene tegen beslissing gemeente", "typo"),
        ("voorbeeld bezwaarschrift gemeente", "short"),
    ],
    "bijstand": [
        ("ik ben mn baan kwijt en heb geen geld meer om van te leven", "indirect"),
        ("waar kan ik een bijstandsuitkerng aanvragen, bij jullie of bij het uwv", "typo"),
        ("hoeveel bijstand krijg je als alleenstaand", "typo"),
        ("ik ben 22 kan ik een uitkering van de gemeente krijgen", "informal"),
        ("how do i apply for welfare benefits from the city", "english"),
    ],
    "bijzondere-bijstand": [
        ("mijn wasmachine is kapot en ik heb geen geld voor een nieuwe", "indirect"),
        ("bijzonder bijstand voor kosten van de bewindvoerder", "typo"),
        ("kan ik geld van de gemeente krijgen voor een dure tandartsrekening", "indirect"),
        ("voorwaarden bijzondere bijstand laag inkomen", "short"),
    ],
    "briefadres": [
        ("ik slaap bij vrienden op de bank en heb geen adres voor mijn post", "indirect"),
        ("breifadres aanvragen bij mn zus", "typo"),
        ("ik zit in de daklozenopvang kan ik me ergens inschrijven", "indirect"),
        ("kan ik voor altijd op een briefadres blijven staan", "informal"),
    ],
    "brp-inschrijving": [
        ("we verhuizen vanuit duitsland naar utrecht waar moeten we ons melden", "indirect"),
        ("binnen hoeveel dagen moet ik me inschrijven als ik uit het buitenand kom", "typo"),
        ("inschrijfen gemeente eerste keer nederland welke papieren", "typo"),
        ("I just moved to the Netherlands, how do I register at the town hall", "english"),
        ("ik kom na 5 jaar australie weer in nederland wonen", "indirect"),
    ],
    "brp-uittreksel": [
        ("de verhuurder wil een bewijs dat ik op mijn adres ingeschreven sta", "indirect"),
        ("uitreksel basisregistratie personen aanvragen kosten", "typo"),
        ("kan ik een brp uitrteksel online downloaden", "typo"),
        ("Ik heb voor mijn werkgever een uittreksel uit de BRP nodig. Hoe vraag ik dit aan?", "formal"),
        ("uittreksel met al mijn vorige adressen erop", "informal"),
    ],
    "erkenning-kind": [
        ("mijn vriendin is zwanger en we zijn niet getrouwd, hoe word ik officieel de vader", "indirect"),
        ("kind erkenne voor de geboorte moet de moeder mee", "typo"),
        ("kost het erkennen van een kind geld", "informal"),
        ("kan ik mijn zoon nog erkenen hij is al 3", "typo"),
        ("mijn vrouw is zwanger maar we zijn niet getrouwd, hoe word ik als tweede moeder ook ouder", "indirect"),
    ],
    "evenementenvergunning": [
        ("we willen in juni een straatfeest organiseren", "indirect"),
        ("vergunning voor een festival hoe lang van tevoren aanvragen", "informal"),
        ("evenementen vergunnig kosten", "typo"),
        ("buurtbbq op het pleintje hebben we daar toestemming voor nodig", "indirect"),
        ("Welke termijn geldt voor de aanvraag van een evenementenvergunning?", "formal"),
    ],
    "geboorteaangifte": [
        ("onze dochter is gisteren geboren wat moeten we bij de gemeente doen", "indirect"),
        ("binnen hoeveel dagen moet je je baby aangevne", "typo"),
        ("geboorteaangfite online doen kan dat", "typo"),
        ("mag opa de geboorte van ons kindje aangeven", "informal"),
        ("our baby was born in amsterdam how do we register her", "english"),
    ],
    "geboorteakte": [
        ("ik heb een afschrift van mn geboorteakte nodig voor mijn huwelijk in marokko", "informal"),
        ("ik ben in rotterdam geboren maar woon nu in breda, waar vraag ik mijn geboorteakte op", "indirect"),
        ("geboorte aktte kosten", "typo"),
        ("internationale geboorteakte online bestelle", "typo"),
        ("geboorteakte prijs", "short"),
    ],
    "gehandicaptenparkeerkaart-bestuurder": [
        ("ik kan na mijn herseninfarct nauwelijks lopen maar rij nog wel zelf, waar mag ik parkeren", "indirect"),
        ("gehandicapte parkeerkaart voor als ik zelf rij", "typo"),
        ("bestuurderskaart aanvragen moet ik dan gekeurd worden", "informal"),
        ("hoe lang is een gpk voor bestuurders geldgi", "typo"),
    ],
    "gehandicaptenparkeerkaart": [
        (
            "mijn vader zit in een rolstoel en ik rij hem overal heen, mogen we dan op een invalidenplek staan",
            "indirect",
        ),
        ("gehandicaptenparkeerkraat nodig voor mijn oma hoe regel ik dat", "typo"),
        ("wat kost een gpk", "short"),
        ("disabled parking card how to apply", "english"),
        ("Aan welke voorwaarden moet ik voldoen voor een gehandicaptenparkeerkaart?", "formal"),
    ],
    "gehandicaptenparkeerplaats": [
        ("kan ik een eigen invalidenplek bij mijn huis op mijn kenteken krijgen", "informal"),
        ("ik heb al een gpk maar er is nooit plek in mijn straat", "indirect"),
        ("gehandicapte parkeerplaats aanvragen hoe lang duurt dat", "typo"),
        ("kost een gehandicaptenparkeerplek voor de deur iets", "informal"),
    ],
    "geregistreerd-partnerschapaangifte": [
        ("we willen niet trouwen maar wel onze relatie officieel vastleggen", "indirect"),
        ("hoe lang van te voren moeten we ons partnerschap meldne", "typo"),
        ("geregistreerd partnerscap wat kost dat", "typo"),
        ("moeten we allebei mee voor de melding van ons partnerschap", "informal"),
    ],
    "gevonden-verloren-voorwerp": [
        ("ik vond een tas bij de bushalte wat moet ik ermee", "indirect"),
        ("mn sleutelbos verloren in het park misschien heeft iemand hem ingeleverd", "indirect"),
        ("gevonde fiets melden", "typo"),
        ("lost my phone in town is there a place where found things end up", "english"),
        ("hoe lang bewaard de gemeente gevonden spullen", "typo"),
    ],
    "grofvuil": [
        ("oude bank weg hoe", "short"),
        ("grofvuil laten ophale kosten", "typo"),
        ("we gaan verhuizen en moeten een hoop oude meubels kwijt", "indirect"),
        ("hoeveel spullen mag ik per keer aan de straat zetten voor de ophaaldienst", "informal"),
        ("waar kan ik een oud matras en een kast inleveren", "indirect"),
    ],
    "hondenbelasting": [
        ("we hebben net een puppy, moeten we die ergens aanmelden", "indirect"),
        ("hondenbelasing hoeveel per jaar", "typo"),
        ("mijn hond is overleden moet ik nog blijven betalen", "indirect"),
        ("hondenbelasting voor twee honden", "short"),
    ],
    "huishoudelijke-hulp": [
        ("mijn moeder kan haar huis niet meer schoonhouden sinds haar val", "indirect"),
        ("huishoudlijke hulp eigen bijdrage hoeveel", "typo"),
        ("ik heb reuma en krijg het huishouden niet meer gedaan", "indirect"),
        ("hoe vraag ik hulp bij het schoonmaken via de wmo aan", "informal"),
    ],
    "huisvestingsvergunning": [
        ("heb ik een vergunning nodig om in een sociale huurwoning te wonen", "informal"),
        ("huisvestigsvergunning aanvragen amsterdam", "typo"),
        ("ik heb een huurhuis gevonden maar de verhuurder wil een vergunning van de gemeente zien", "indirect"),
        ("hoe lang duurt het om een huisvestingsvergunning te krijgen", "informal"),
    ],
    "huwelijksaangifte": [
        ("we gaan volgend jaar trouwen, wanneer moeten we dat doorgeven", "indirect"),
        ("wat kost trouwen op het stadhuiss", "typo"),
        ("kan de melding van ons huwlijk ook online", "typo"),
        ("we want to get married in the netherlands what do we need to arrange", "english"),
        ("mijn verloofde heeft niet de nederlandse nationaliteit, wat moet ze meenemen voor de melding", "indirect"),
    ],
    "identiteitskaart": [
        ("id kaart aanvragen voor mijn dochter van 8", "informal"),
        ("identiteitkaart verlopen hoe lang duurt een nieuwe", "typo"),
        ("mijn portemonnee met mn id is gestolen", "indirect"),
        ("id kaart prijs", "short"),
        ("kan ik met een id kaart naar turkije of heb ik meer nodig", "informal"),
    ],
    "jeugdhulp": [
        ("mijn zoon van 14 wil niet meer naar school en zit alleen maar op zn kamer", "indirect"),
        ("ik heb hulp nodig bij de opvoeding van mijn dochter", "informal"),
        ("jeugzorg aanvragen zonder huisarts", "typo"),
        ("mijn kind heeft adhd en we lopen thuis helemaal vast", "indirect"),
    ],
    "kapvergunning": [
        ("mag ik de grote eik in mn achtertuin omhakken", "indirect"),
        ("kapvergunnig aanvragen hoe lang duurt het", "typo"),
        ("boom kappen vergunning nodig?", "short"),
        ("kost een vergunnign om een boom te kappen veel", "typo"),
    ],
    "kiezerspas": [
        ("ik wil stemmen in de stad waar ik werk", "indirect"),
        ("tot welke datum kan ik nog een kiezerpas krijgen", "typo"),
        ("kan ik met mn stempas ook in een andere gemeente stemmen", "informal"),
        ("geldt een kiezerspas ook voor de raadsverkiezing", "informal"),
    ],
    "klacht": [
        ("de medewerker aan de balie was heel onbeleefd tegen mij", "indirect"),
        ("waar dien ik een klacht over de gemeennte in", "typo"),
        ("klaght indienen over behandeling", "typo"),
        ("I want to complain about how I was treated at the town hall", "english"),
    ],
    "leerlingenvervoer": [
        ("mijn zoon gaat naar speciaal onderwijs 20 km verderop, kan hij met een taxi", "indirect"),
        ("leerlingevervoer aanvragen voor volgend schooljaar", "typo"),
        ("vergoeding voor reiskosten naar school van mijn kind met een beperking", "informal"),
        ("wanneer moet ik leerlingen vervoer aanvragen", "typo"),
    ],
    "legalisatie-handtekening": [
        ("ik sta garant voor mijn nicht uit marokko en mijn handtekening moet officieel bevestigd worden", "indirect"),
        ("handtekening legaliseren wat moet ik meenemne", "typo"),
        ("legalisatie handteking kosten", "typo"),
        ("Is het mogelijk om zonder afspraak een handtekening te laten legaliseren?", "formal"),
    ],
    "mantelzorgondersteuning": [
        ("ik zorg elke dag voor mijn zieke man en ik trek het niet meer", "indirect"),
        ("krijg ik als mantelzorgr ieder jaar een bedankje van de gemeente", "typo"),
        ("kan iemand de zorg voor mijn moeder een weekend overnemen", "indirect"),
        ("welke hulp is er voor mantelzorgsers", "typo"),
    ],
    "melding-openbare-ruimte": [
        ("er ligt een stoeptegel los voor de supermarkt", "indirect"),
        ("diep gat in het fietspad waar kan ik dat meldn", "typo"),
        ("de schommel in de speeltuin is kapot", "indirect"),
        ("overal zwerfafval in ons park waar meld ik dat", "informal"),
        ("app voor meldingen buitenruimte", "short"),
    ],
    "melding-straatverlichting": [
        ("de straatlamp bij ons voor de deur knippert al een week", "indirect"),
        ("lantarnpaal brand niet", "typo"),
        ("het is helemaal donker in onze straat, alle lampen zijn uit", "indirect"),
        ("street light broken in my street who do i tell", "english"),
    ],
    "naamgebruik": [
        ("ik ben net getrouwd en wil voortaan de achternaam van mijn man gebruiken", "indirect"),
        ("na mijn scheiding wil ik weer gewoon mijn eigen naam", "indirect"),
        ("naamgebruk wijzigen online", "typo"),
        ("kost het geld om de naam van je partner te gebruiken", "informal"),
    ],
    "naturalisatieverzoek": [
        ("ik woon al 7 jaar in nederland en wil nederlander worden", "indirect"),
        ("wat kost naturaliseren", "short"),
        ("naturalistatie inburgeringsdiploma nodig", "typo"),
        ("how long does naturalisation take in the netherlands", "english"),
        ("moet ik mijn turkse paspoort inleveren als ik nederlander word", "indirect"),
    ],
    "omgevingsvergunning": [
        ("we willen een dakkapel op ons huis, mag dat zomaar", "indirect"),
        ("bouwvergunnig aanvragen uitbouw", "typo"),
        ("hoeveel weken wacht je op een omgevingsvergunnning", "typo"),
        ("schuur bouwen in de achtertuin vergunning nodig", "short"),
        ("Via welk loket vraag ik een omgevingsvergunning aan?", "formal"),
    ],
    "overlijdensaangifte": [
        ("mijn vader is vannacht thuis overleden, wat moet ik regelen", "indirect"),
        ("overlijden aangevn zonder uitvaartondernemer", "typo"),
        ("binnen hoeveel tijd moet een overlijden gemeld worden", "informal"),
        ("my wife passed away, what do I need to report to the municipality", "english"),
    ],
    "ozb": [
        ("waarom moet ik als huiseigenaar ozb betalem", "typo"),
        ("onroerendzaakbelasting hoe wordt dat berekend", "typo"),
        ("ik verhuur een winkelpand, betaal ik daar ozb over", "informal"),
        ("ozb betalen in termijnen", "short"),
        ("Hoe wordt de hoogte van de onroerendezaakbelasting bepaald?", "formal"),
    ],
    "parkeervergunning": [
        ("hoe kom ik aan een bewonersvergunning voor mn straat", "informal"),
        ("parkeervergunnig tweede auto", "typo"),
        ("we zijn naar het centrum verhuisd en kunnen nergens meer gratis parkeren", "indirect"),
        ("parking permit for residents how much", "english"),
        ("parkeervergunning wachtlijst hoe lang", "short"),
    ],
    "paspoort": [
        ("paspoort kosten", "short"),
        ("paspoord aanvragen voor mn dochter van 4", "typo"),
        ("over 2 weken op vakantie en mijn paspoort is verlopen", "indirect"),
        ("welke spullen neem ik mee naar de balie voor mn pasport", "typo"),
        ("paspoort aangevraagd wanneer kan ik hem ophalen", "informal"),
    ],
    "pgb-wmo": [
        ("ik wil zelf mijn begeleider uitkiezen en betalen", "indirect"),
        ("persoonsgebonden budet aanvragen gemeente", "typo"),
        ("pgb of zorg in natura wat is beter voor mij", "informal"),
        ("wie kan mij helpen met het beheeren van een pgb", "typo"),
    ],
    "rijbewijs": [
        ("rijbewjs vernieuwen wat kost dat bij jullie", "typo"),
        ("ik ben geslaagd voor mn rijexamen wat nu", "indirect"),
        ("rijbewijs kwijt hoe snel heb ik een nieuwe", "informal"),
        ("driving licence renewal what do i need to bring", "english"),
        ("mijn roze pasje om auto te rijden is bijna verlopen", "indirect"),
    ],
    "rioolheffing": [
        ("wat is die rioolheffing op mn aanslg", "typo"),
        ("rioolhefing betaalt de huurder of de eigenaar", "typo"),
        ("waarom moet ik betalen voor de afvoer van regenwater", "indirect"),
        ("rioolheffing bedrag", "short"),
    ],
    "rni-inschrijving": [
        ("ik kom 2 maanden in nederland werken en heb een bsn nodig", "indirect"),
        ("rni inschrijfing welke gemeente", "typo"),
        ("I live in belgium but work in the netherlands, how do I get a BSN", "english"),
        ("moet ik een afspraak maken bij het rni loket", "informal"),
    ],
    "rolstoel-scootmobiel": [
        ("mijn moeder kan niet meer ver lopen en wil graag een scootmobiel", "indirect"),
        ("scootmobiel via de wmo moet ik dan een eigen bijdrage betalen", "informal"),
        ("elektrise rolstoel via de gemeente", "typo"),
        ("wie betaald de reparatie van mijn rolstoel van de gemeente", "typo"),
    ],
    "schuldhulpverlening": [
        ("de deurwaarder heeft een brief gestuurd en ik weet niet meer hoe ik alles moet betalen", "indirect"),
        ("schuldhulp verlening aanmelden hoe", "typo"),
        ("ik heb 15000 euro schuld en weet niet meer wat ik moet doen", "indirect"),
        ("is schuldhulp bij jullie gratis of kost het wat", "informal"),
        ("I have a lot of debts, can the municipality help me", "english"),
    ],
    "standplaatsvergunning": [
        ("ik wil met mijn foodtruck op het marktplein gaan staan", "indirect"),
        ("standplaatsvergunnig bloemenkraam", "typo"),
        ("hoe lang duurt een aanvraag voor een standplaatsvergunning", "informal"),
        ("is er een wachtlijst voor een vaste standplaas", "typo"),
    ],
    "stempas": [
        ("mn stempas is niet bezorgd", "informal"),
        ("ik ben mijn stemmpas kwijtgeraakt", "typo"),
        ("de hond heeft mn stempas aan stukken gekauwd", "indirect"),
        ("tot wanneer kan ik een nieuwe stempas aanvrage", "typo"),
    ],
    "toeristenbelasting": [
        ("ik verhuur mijn huis via airbnb moet ik dan iets betalen aan de gemeente", "indirect"),
        ("toeristebelasting per nacht hoeveel", "typo"),
        ("hoe doe ik aangiften toeristen belasting voor mijn b&b", "typo"),
        ("Dient een camping een nachtregister bij te houden?", "formal"),
    ],
    "trouwlocatie": [
        ("we willen in de tuin van mijn ouders trouwen kan dat", "indirect"),
        ("kunnen we bij ons in de gemeente op het strand trouwen", "informal"),
        ("eigen trowlocatie kosten", "typo"),
        ("hoe ver van te voren moet ik een eigen trouwplek aanvraagen", "typo"),
    ],
    "verhuismelding": [
        ("mijn vriend en ik gaan samenwonen in zijn huis, wat moet ik doorgeven", "indirect"),
        ("verhuising naar nieuwe woning hoe geef ik dat door", "typo"),
        ("ik verhuis binnen dezelfde stad moet ik dat melden", "informal"),
        ("hoe lang na de verhuizing mag ik mijn nieuwe adres nog doorgeven", "informal"),
        ("moving to a new address in the same city, what do i need to do", "english"),
        ("mijn zoon gaat op kamers in groningen", "indirect"),
    ],
    "verklaring-omtrent-gedrag": [
        ("mijn nieuwe werkgever vraagt om een bewijs dat ik geen strafblad heb", "indirect"),
        ("vog aanvrage kosten", "typo"),
        ("ik ga vrijwilliger bij de voetbalclub, krijg ik een gratis vog", "informal"),
        ("hoe lang duurt het aanvraagen van een vog", "typo"),
        ("certificate of good conduct how to apply", "english"),
    ],
    "verlof-tot-begraven": [
        ("we willen de begrafenis pas na 10 dagen houden mag dat", "indirect"),
        ("wie vraagt het verlof tot cremeren aan", "informal"),
        ("toestemming om eerder te begraven om religieuze redenen", "informal"),
        ("verlof tot begrave kosten", "typo"),
    ],
    "volmachtbewijs": [
        ("ik ben met de verkiezingen op vakantie, kan mijn zus voor me stemmen", "indirect"),
        ("volmacht formulir stemmen", "typo"),
        ("mijn moeder woont in een andere gemeente, kan ze toch voor mij stemmen", "indirect"),
        ("wanneer moet de schriftelijke volmacht uiterlijk binnnen zijn", "typo"),
    ],
    "voornaamwijziging": [
        ("ik heb een hekel aan mijn voornaam, kan ik een andere krijgen", "indirect"),
        ("moet er echt een advocaat bij om mijn voornaam te laten veranderen", "informal"),
        ("voornaamwijziging kostn", "typo"),
        ("mijn dochter wil na haar transitie officieel een andere voornaam", "indirect"),
        ("Wat zijn de kosten van een voornaamswijziging via de rechtbank?", "formal"),
    ],
}

# --- national-service questions: product null, action "answer" -----------------------------------
SERVICES: dict[str, list[tuple[str, str]]] = {
    "digid": [
        ("ik heb nog nooit een digid gehad hoe kom ik eraan", "indirect"),
        ("digid activeringscode niet ontvangen", "informal"),
        ("digd wachtwoord vergeten", "typo"),
        ("what is digid and how do i get one", "english"),
    ],
    "digid-machtigen": [
        ("mijn dochter moet mijn zaken online regelen omdat ik slecht zie", "indirect"),
        ("hoe geef ik iemand toestemming om met zijn eigen digid voor mij in te loggen", "informal"),
        ("digid machtign voor mijn oma", "typo"),
        ("mag ik mijn digid aan mijn zoon geven zodat hij het regelt", "indirect"),
    ],
    "eherkenning": [
        ("ik heb een bedrijf en moet voor de zaak inloggen bij de gemeente", "indirect"),
        ("eherkening kopen welk niveau", "typo"),
        ("waar koop ik e herkenning", "typo"),
    ],
    "eidas": [
        ("ik woon in duitsland, kan ik inloggen met mijn duitse id", "indirect"),
        ("inlogen met europees inlogmiddel", "typo"),
        ("can i use my italian eid to log in to dutch government sites", "english"),
    ],
    "mijnoverheid": [
        ("mijn overhied account aanmaken", "typo"),
        ("wat is mijnoverheid eigenlijk", "informal"),
        ("waar zie ik online welke zaken ik nog heb lopen bij de overheid", "indirect"),
    ],
    "berichtenbox": [
        ("ik wil mijn post van de overheid digitaal krijgen in plaats van op papier", "indirect"),
        ("berichtenbx meldingen aanzetten", "typo"),
        ("hoe lang blijven berichten in de berichtenbox staan", "informal"),
    ],
    "bsn": [
        ("waar staat mijn burgerservicenumer op", "typo"),
        ("mijn baby is 2 weken oud, waar staat zijn bsn", "indirect"),
        ("sofi nummer vergeten waar staat het", "typo"),
        ("what is a bsn", "english"),
    ],
    "brp": [
        ("klopt mijn adres wel in de basisregistratie personen", "informal"),
        ("wie mag mijn gegevens in de brp bekijken", "informal"),
        ("gegevens in het bevolkingsregeister verkeerd", "typo"),
    ],
    "rni": [
        ("wat is de registratie niet ingezetenen precies", "informal"),
        ("ik woon in spanje, sta ik dan nog ergens geregistreerd in nederland", "indirect"),
        ("rni regstratie wie staat daarin", "typo"),
    ],
    "bag": [
        ("ons huisnummer staat verkeerd in het landelijke adressenregister", "indirect"),
        ("wat is de bag", "short"),
        ("bouwjaar van mijn huis opzoeken in de bag", "informal"),
    ],
    "woz": [
        ("hoe kom ik erachter wat mijn huis volgens de gemeente waard is", "indirect"),
        ("woz waarde van de buren opzoekn", "typo"),
        ("woz waarde waarvoor word die gebruikt", "typo"),
        ("what is the woz value of a house", "english"),
    ],
    "handelsregister": [
        ("ik start een eenmanszaak waar moet ik me inschrijven", "indirect"),
        ("kvk nummer opzoeken van een bedrjf", "typo"),
        ("kamer van koophndel inschrijven kosten", "typo"),
    ],
}

# --- ambiguous questions: (question, product, alternatives, style); action "clarify" -------------
CLARIFY: list[tuple[str, str, list[str], str]] = [
    ("ik wil een parkeerkaart", "parkeervergunning", ["gehandicaptenparkeerkaart"], "short"),
    ("ik heb een uittreksel nodig", "brp-uittreksel", ["akte-burgerlijke-stand", "geboorteakte"], "informal"),
    ("ik wil mijn naam veranderen", "achternaamwijziging", ["voornaamwijziging", "naamgebruik"], "informal"),
    ("mn legitimatie is verlopen wat moet ik aanvrgen", "identiteitskaart", ["paspoort", "rijbewijs"], "typo"),
    ("ik wil stemmen maar ben die dag niet thuis", "volmachtbewijs", ["kiezerspas"], "indirect"),
    (
        "wij willen ons als stel officieel laten vastleggen, trouwen of partnerschap?",
        "huwelijksaangifte",
        ["geregistreerd-partnerschapaangifte"],
        "indirect",
    ),
    ("ik heb een vergunning nodig voor iets in mn tuin", "omgevingsvergunning", ["kapvergunning"], "informal"),
    (
        "vergunning voor een verkoopkraampje op de braderie",
        "standplaatsvergunning",
        ["evenementenvergunning"],
        "informal",
    ),
    ("ik wil bezwaar maken", "bezwaar", ["belastingaanslag-bezwaar"], "short"),
    ("ik ben helemaal niet blij met de gemeente", "klacht", ["bezwaar"], "indirect"),
    ("de ondergrondse container gaat niet open", "afvalpas", ["melding-openbare-ruimte", "afvalcontainer"], "indirect"),
    ("ik kom uit het buitenland en heb een bsn nodig", "brp-inschrijving", ["rni-inschrijving"], "indirect"),
    (
        "mn aanslag van de gemeente is veel te hoog wat kan ik doen",
        "belastingaanslag-bezwaar",
        ["belastingkwijtschelding"],
        "informal",
    ),
    ("ik heb een akte nodig", "akte-burgerlijke-stand", ["geboorteakte"], "short"),
    ("de paal voor mijn huis is kapot", "melding-straatverlichting", ["melding-openbare-ruimte"], "indirect"),
    (
        "we hebben net een huis gekocht, welke belasting krijgen we van de gemeente",
        "ozb",
        ["rioolheffing", "afvalstoffenheffing"],
        "indirect",
    ),
    ("ik wil een parkeerplek voor de deur", "gehandicaptenparkeerplaats", ["parkeervergunning"], "informal"),
    ("i need a document from the town hall that proves who i am", "identiteitskaart", ["paspoort"], "english"),
]

# --- requests for a human: product and service null, action "handover" --------------------------
HUMAN: list[tuple[str, str]] = [
    ("kan ik iemand spreken", "short"),
    ("ik wil bellen met een medewerker", "informal"),
    ("mag ik een mens", "short"),
    ("ik wil geen robot, gewoon een echt persoon aub", "informal"),
    ("kan iemand van de gemeente mij terugbelle", "typo"),
    ("ik snap er niks van, kan er iemand met me meekijken", "indirect"),
    ("can i talk to a real person please", "english"),
    ("ik wil over mijn situatie praten met een medewerker", "informal"),
    ("chatten met een medewerkr", "typo"),
    ("Graag word ik doorverbonden met een medewerker van de gemeente.", "formal"),
]

# --- out of scope: product and service null, action "fallback" -----------------------------------
FALLBACK: list[tuple[str, str]] = [
    ("wat voor weer wordt het morgen", "informal"),
    ("hoe laat gaat de trein naar utrect", "typo"),
    ("hoe doe ik aangifte inkomstenbelasting", "informal"),
    ("heb ik recht op huurtoeslaag", "typo"),
    ("zorgtoeslag aanvrage", "typo"),
    ("welke zorgverzekering is het goedkoopste", "informal"),
    ("ik wil een tweedehands auto kopen waar moet ik op letten", "informal"),
    ("recept voor pannenkoeken", "short"),
    ("hoe heeft ajax gisteren gespeeld", "informal"),
    ("vertel een grap", "short"),
    ("hallo", "short"),
    ("?", "short"),
    ("mijn hond heeft een paspoort nodig om mee te gaan naar frankrijk", "indirect"),
    ("theorie examen auto gratis oefenen", "informal"),
    ("hoe vraag ik een esta aan voor amerika", "informal"),
    ("wat kost een paspoort in belgie", "informal"),
    ("hoe lang is de wachttijd bij de huisarts", "informal"),
    ("kan ik mijn auto bij jullie laten apk keuren", "informal"),
    ("wat is de hoofstad van australie", "typo"),
    ("boete voor te hard rijden betalen", "short"),
    ("mijn internet doet het niet", "indirect"),
    ("hoe zeg ik mijn netflix abbonement op", "typo"),
    ("wanneer krijg ik mijn belastingteruggave", "informal"),
    ("kinderbijslag aanvragen svb", "short"),
    ("ww aanvragen na ontslag", "short"),
    ("wanneer krijg ik aow", "informal"),
    ("studiefinanciering aanvrage bij duo", "typo"),
    ("hoe schrijf ik een goeie sollicitatiebrief", "informal"),
    ("wat is het beste restaurant in de stad", "informal"),
    ("wie wint het songfestival dit jaar", "informal"),
    ("what time does the supermarket close tonight", "english"),
    ("waar kan ik mn auto het best verkopen", "informal"),
    ("motor rijbewijs lessen goedkoop", "typo"),
    ("hoeveel kost een trimbeurt voor mijn hond", "informal"),
    ("puincontainer huren prijs vergelijken", "short"),
    ("hoe vraag ik een hypotheek aan", "informal"),
    ("lotto uitslag van zaterdag", "short"),
    ("hoe lang moet een ei kooken", "typo"),
    ("i need a visa to visit japan, where do i apply", "english"),
    ("ik zoek een huisarts die nog nieuwe patienten aanneemt", "indirect"),
    ("bezwaar maken tegen een verkeersboete van het cjib", "informal"),
    ("bezwaar tegen mijn aanslag inkomstenbelasting", "informal"),
    ("duitse personalausweis verlengen", "informal"),
    ("wanneer komt de nieuwe iphone uit", "informal"),
    ("parkeren bij schiphol goedkoop", "short"),
    ("wat is bitcoin", "short"),
    ("hoe laat is het in new york", "informal"),
    ("kun je mijn huiswerk wiskunde maken", "informal"),
]


def sensitive_products() -> set[str]:
    """Product ids whose catalog file declares `dg:sensitive true`."""
    return {
        path.stem
        for path in PRODUCTS_DIR.glob("*.ttl")
        if re.search(r"dg:sensitive\s+true", path.read_text(encoding="utf-8"))
    }


def row(question, action, style, product=None, service=None, alternatives=()):
    return {
        "question": question,
        "action": action,
        "product": product,
        "service": service,
        "alternatives": list(alternatives),
        "style": style,
    }


def alternate(rows: list[dict], totals: dict[str, int]) -> list[dict]:
    """Alternate dev/test inside a group (first, third, ... one split; second, fourth, ... the other).

    A group starts with the split that has fewer questions so far (dev on a tie), so that groups
    with an odd number of questions do not all give their extra question to dev.
    """
    first, second = ("dev", "test") if totals["dev"] <= totals["test"] else ("test", "dev")
    for index, item in enumerate(rows):
        item["split"] = first if index % 2 == 0 else second
        totals[item["split"]] += 1
    return rows


def build() -> list[dict]:
    sensitive = sensitive_products()
    groups: list[list[dict]] = []
    for product, items in PRODUCTS.items():
        action = "handover" if product in sensitive else "answer"
        groups.append([row(q, action, s, product=product) for q, s in items])
    for service, items in SERVICES.items():
        groups.append([row(q, "answer", s, service=service) for q, s in items])
    groups.append([row(q, "clarify", s, product=p, alternatives=alts) for q, p, alts, s in CLARIFY])
    groups.append([row(q, "handover", s) for q, s in HUMAN])
    groups.append([row(q, "fallback", s) for q, s in FALLBACK])

    out: list[dict] = []
    totals = {"dev": 0, "test": 0}
    for group in groups:
        out.extend(alternate(group, totals))
    ordered = []
    for number, item in enumerate(out, start=1):
        ordered.append(
            {
                "id": f"q{number:04d}",
                "question": item["question"],
                "action": item["action"],
                "product": item["product"],
                "service": item["service"],
                "alternatives": item["alternatives"],
                "split": item["split"],
                "style": item["style"],
            }
        )
    return ordered


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as handle:
        for item in rows:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} questions to {OUT}")


if __name__ == "__main__":
    main()
