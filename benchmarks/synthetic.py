"""A synthetic corpus of plans in the layout real plans use, for benchmarks and property tests.

Each organisation gets a plan of M measures in a ``;``-separated CSV (with a
``.plan.toml`` naming the organisation), written with the phrasings real
plans use: several actors joined by "och", "samt" and commas, names run
together, placeholders and collectives, hedges, the odd unknown local actor.
National actors (Polisen, Säpo, Fryshuset ...) are shared across plans; each
organisation has its own coordinator, social services and schools.

    python -m benchmarks.synthetic OUT_DIR --plans 300 --measures 60
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

AREAS = [
    ("Organisation", None),
    ("Lägesbild", None),
    ("Förebyggande", "Universellt"),
    ("Förebyggande", "Selektivt"),
    ("Förebyggande", "Indikerat"),
    ("Förhindrande", None),
    ("Utbildning", None),
    ("Uppföljning", None),
]
ACTIONS = [
    "Samordna",
    "Kartlägga",
    "Utbilda personal om",
    "Ta fram rutiner för",
    "Följa upp",
    "Informera föräldrar om",
    "Stärka samverkan kring",
    "Erbjuda stöd kring",
    "Genomföra dialogmöten om",
    "Utveckla arbetet med",
    "Ta fram en lägesbild av",
    "Anordna trygghetsvandringar kring",
    "Sprida kunskap om",
    "Utse kontaktpersoner för",
]
OBJECTS = [
    "våldsbejakande extremism",
    "orosanmälningar",
    "avhopparverksamhet",
    "anhörigstöd",
    "föreningsstöd",
    "otillåten påverkan",
    "riskmiljöer",
    "skyddsfaktorer i skolan",
    "fritidsgårdarnas öppettider",
    "demokratiarbete",
    "hot mot förtroendevalda",
    "näthat och propaganda",
]
GROUPS = [
    "för unga",
    "i skolan",
    "för familjer",
    "i bostadsområdena",
    "för personal",
    "för förtroendevalda",
    "",
    "",
]
RESPONSIBLE = [
    "Preventionssamordnaren",
    "Socialtjänsten",
    "HR avdelningen och samordnaren",
    "Rektor och elevhälsan",
    "Socialtjänsten SIG 18-29 år",
    "Verksamhetsansvariga",
    "Stadsdelsdirektör",
    "Fältgruppen",
    "Säkerhetschef (samordnare)",
    "Individ- och familjeomsorgen",
    "Kultur- och fritidsförvaltningen",
    "Övriga efter behov",
    "Berörda chefer",
    "",
]
PARTNERS = [
    "Polisen",
    "Polisen, Säpo vid behov",
    "Fryshuset, civilsamhället",
    "Polisen samt fältgruppen",
    "Medarbetare inom stadsdelsnämndens verksamheter",
    "Stadsdelsförvaltning Berörda fackförvaltningar Polis",
    "representanter från Svenska kyrkan och moskén",
    "Elevhälsan, i vissa fall BUP",
    "Kriminalvården",
    "Övriga aktörer efter behov",
    "Skolan/Fritidsgården",
    "andra nyckelaktörer",
    "",
]
STATUSES = [
    "Pågående",
    "Pågående under 2017-2019",
    "Planerat under 2018",
    "Under utveckling klart hösten 2018",
    "Klart",
    "Start HT 2019",
    "Löpande",
    "",
    "se bilaga",
]


def write_plan(path: Path, organisation: str, measures: int, rng: random.Random, encoding: str = "utf-8") -> None:
    """One plan file and its ``.plan.toml``."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Område", "Nivå", "Åtgärd", "Ansvarig", "Övriga aktörer", "Pågående/planer"])
        for number in range(measures):
            area, level = AREAS[number * len(AREAS) // measures]
            text = " ".join(filter(None, (rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(GROUPS))))
            responsible = rng.choice(RESPONSIBLE)
            partners = rng.choice(PARTNERS)
            if rng.random() < 0.05:
                partners = f"{partners}, Föreningen {organisation.split()[0]} {number % 7}".strip(", ")
            writer.writerow([area, level or "", text, responsible, partners, rng.choice(STATUSES)])
    path.with_name(path.stem + ".plan.toml").write_text(
        f'id = "{path.stem}"\ntitle = "Handlingsplan {organisation}"\norganisation = "{organisation}"\n'
        f'year = 2019\nsource = "synthetic"\n',
        encoding="utf-8",
    )


def write_corpus(out: Path, plans: int, measures: int, seed: int = 1) -> list[Path]:
    """``plans`` plan files of ``measures`` measures each in ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(plans):
        path = out / f"plan-{index:05d}.csv"
        write_plan(path, f"Kommun{index:05d} kommun", measures, rng)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.plans, args.measures, args.seed)
    print(f"wrote {len(paths)} plans to {args.out}")


if __name__ == "__main__":
    main()
