"""Made-up channels of one municipality: desk, phone (14 + area code), website, e-mail, post and
home visits for everyone; chat, app and video calls for some. Opening hours vary per municipality."""

from __future__ import annotations

import random

from generators.formatting import clock, days
from generators.national.model import Address, Hours, SyntheticChannel

SYNTHETIC_DOMAIN = "voorbeeld.dienstengraaf.nl"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
# fmt: off
AREA_CODES = (
    "010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038", "040", "043", "045", "046",
    "050", "053", "055", "058", "070", "071", "072", "073", "074", "075", "076", "077", "078", "079", "0111",
    "0113", "0115", "0118", "0161", "0162", "0164", "0165", "0172", "0174", "0180", "0181", "0182", "0183", "0184",
    "0186", "0187", "0222", "0223", "0224", "0226", "0227", "0228", "0229", "0251", "0252", "0255", "0294", "0297",
    "0299", "0313", "0314", "0315", "0316", "0317", "0318", "0320", "0321", "0341", "0342", "0343", "0344", "0345",
    "0346", "0347", "0348", "0411", "0412", "0413", "0416", "0418", "0475", "0478", "0481", "0485", "0486", "0487",
    "0488", "0492", "0493", "0495", "0497", "0499", "0511", "0512", "0513", "0514", "0515", "0516", "0517", "0518",
    "0519", "0521", "0522", "0523", "0524", "0525", "0527", "0528", "0529", "0541", "0543", "0544", "0545", "0546",
    "0547", "0548", "0561", "0562", "0566", "0570", "0571", "0572", "0573", "0575", "0577", "0578", "0591", "0592",
    "0593", "0594", "0595", "0596", "0597", "0598", "0599",
)
# fmt: on
SQUARES = ("Raadhuisplein", "Markt", "Stadhuisplein", "Kerkplein", "Raadhuisstraat", "Dorpsstraat", "Stationsplein")
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"


def synthetic_url(municipality_id: str, path: str = "") -> str:
    """A link on the municipality's own synthetic host: https://<id>.voorbeeld.dienstengraaf.nl/<path>."""
    return f"https://{municipality_id}.{SYNTHETIC_DOMAIN}/{path}"


def make_channels(rng: random.Random, municipality_id: str, name: str, town: str) -> tuple[SyntheticChannel, ...]:
    """The channels of one municipality, in a fixed order of types."""
    phone = "14 " + rng.choice(AREA_CODES)
    postcode = _postcode(rng)
    channels = [
        _desk(rng, municipality_id, name, town, postcode),
        SyntheticChannel(
            id=f"{municipality_id}-telefoon",
            type="telefoon",
            title_nl=f"Telefoon {phone}",
            title_en=f"Phone {phone}",
            telephone=phone,
            hours=(_hours(WEEKDAYS, rng.choice(("08:00", "08:30", "09:00")), rng.choice(("17:00", "17:30"))),),
        ),
        SyntheticChannel(
            id=f"{municipality_id}-website",
            type="website",
            title_nl=f"Website gemeente {name}",
            title_en=f"{name} municipality website",
            url=synthetic_url(municipality_id),
        ),
        SyntheticChannel(
            id=f"{municipality_id}-e-mail",
            type="e-mail",
            title_nl=f"E-mail aan de gemeente {name}",
            title_en=f"Email to the municipality of {name}",
            email=f"info@{municipality_id}.{SYNTHETIC_DOMAIN}",
        ),
        SyntheticChannel(
            id=f"{municipality_id}-post",
            type="post",
            title_nl=f"Post aan de gemeente {name}",
            title_en=f"Letter to the municipality of {name}",
            address=_po_box(rng, town, postcode),
        ),
        SyntheticChannel(
            id=f"{municipality_id}-huisbezoek",
            type="huisbezoek",
            title_nl=f"Keukentafelgesprek met het {rng.choice(('wijkteam', 'sociaal team', 'dorpsteam'))}",
            title_en="Kitchen-table conversation with the social team",
        ),
    ]
    if rng.random() < 0.55:
        closes = rng.choice(("16:00", "16:30", "17:00"))
        channels.append(
            SyntheticChannel(
                id=f"{municipality_id}-chat",
                type="chat",
                title_nl=f"Chat met de gemeente {name}",
                title_en=f"Chat with the municipality of {name}",
                url=synthetic_url(municipality_id, "chat"),
                hours=(_hours(WEEKDAYS, "09:00", closes),),
            )
        )
    if rng.random() < 0.3:
        channels.append(
            SyntheticChannel(
                id=f"{municipality_id}-app",
                type="app",
                title_nl=f"App van de gemeente {name}",
                title_en=f"App of the municipality of {name}",
                url=synthetic_url(municipality_id, "app"),
            )
        )
    if rng.random() < 0.25:
        channels.append(
            SyntheticChannel(
                id=f"{municipality_id}-videobellen",
                type="videobellen",
                title_nl=f"Beeldbellen met de gemeente {name}",
                title_en=f"Video call with the municipality of {name}",
                url=synthetic_url(municipality_id, "beeldbellen"),
                hours=(_hours(WEEKDAYS, "09:00", "16:00"),),
            )
        )
    return tuple(channels)


def evening(channel: SyntheticChannel) -> Hours | None:
    """The late opening of a desk (closing after 18.00), if it has one."""
    return next((h for h in channel.hours if h.closes >= "18:00:00"), None)


def _desk(rng: random.Random, municipality_id: str, name: str, town: str, postcode: str) -> SyntheticChannel:
    opens, closes = rng.choice(("08:30", "09:00")), rng.choice(("16:30", "17:00"))
    by_appointment = rng.random() < 0.7
    hours = []
    late_day = rng.choice(("Tuesday", "Wednesday", "Thursday")) if rng.random() < 0.6 else None
    hours.append(_hours(tuple(d for d in WEEKDAYS if d != late_day), opens, closes, by_appointment))
    if late_day is not None:
        hours.append(_hours((late_day,), opens, rng.choice(("19:00", "20:00")), by_appointment))
    if rng.random() < 0.1:
        hours.append(_hours(("Saturday",), "10:00", "12:00", True))
    street = f"{rng.choice(SQUARES)} {rng.randint(1, 40)}"
    building = rng.choice(("gemeentehuis", "stadhuis", "gemeentekantoor"))
    return SyntheticChannel(
        id=f"{municipality_id}-balie",
        type="balie",
        title_nl=f"Balie {building} {town}",
        title_en=f"Desk at the {town} town hall",
        address=Address(f"{street}, {postcode} {town}", street, postcode, town),
        hours=tuple(hours),
    )


def _po_box(rng: random.Random, town: str, postcode: str) -> Address:
    box_code = f"{postcode[:2]}{rng.randint(0, 99):02d} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    return Address(f"Postbus {rng.randint(1, 9999)}, {box_code} {town}", None, box_code, town)


def _postcode(rng: random.Random) -> str:
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    return f"{rng.randint(1000, 9999)} {letters}"


def _hours(on: tuple[str, ...], opens: str, closes: str, by_appointment: bool = False) -> Hours:
    when = "Maandag tot en met vrijdag" if on == WEEKDAYS else days(on).capitalize()
    suffix = ", alleen op afspraak" if by_appointment else ""
    text = f"{when} van {clock(opens)} tot {clock(closes)} uur{suffix}."
    return Hours(on, f"{opens}:00", f"{closes}:00", text)
