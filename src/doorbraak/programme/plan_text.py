"""The plan as an indented text tree, for `doorbraak plan show` (pure: no Django)."""

from doorbraak.programme.definition import IndicatorDef, PlanDefinition


def _target(indicator: IndicatorDef) -> str:
    target = indicator.target
    if target.value is None:
        return "streefwaarde nog niet vastgesteld"
    unit = "%" if indicator.unit == "%" else f" {indicator.unit}"
    return f"streefwaarde {target.value}{unit} in {target.horizon}"


def plan_tree_lines(plan: PlanDefinition) -> list[str]:
    lines = [
        f"{plan.name} ({plan.start_year}-{plan.horizon_year})",
        f"Missie: {plan.mission}",
        f"Ambitie: {plan.ambition}",
    ]
    if plan.ambition_indicators:
        codes = ", ".join(i.code for i in plan.ambition_indicators)
        lines.append(f"├─ Ambitie gemeten: {codes}")
    for line in plan.programme_lines:
        lines.append(f"├─ Programmalijn {line.name}")
        for sg in line.strategic_goals:
            lines.append(f"│  ├─ {sg.code}: {sg.statement}")
            for og in sg.operational_goals:
                capital = f" [{og.capital}]" if og.capital else ""
                lines.append(f"│  │  ├─ {og.code}{capital}: {og.statement}")
                lines.extend(f"│  │  │  • {i.code} {i.name} ({_target(i)})" for i in og.indicators)
    lines.append("├─ Kapitaalvormen: " + ", ".join(c.name for c in plan.capitals))
    lines.append("├─ Randvoorwaarden: " + ", ".join(p.name for p in plan.preconditions))
    lines.append("└─ Procesindicatoren: " + ", ".join(i.code for i in plan.process_indicators))
    return lines
