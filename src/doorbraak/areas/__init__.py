"""Areas: the region, its gemeenten, wijken (named after their main place: `cbs.wijk_name`) and
buurten with CBS codes and vintages, and named
groupings of buurten (dorpen, focus and experiment areas).

Owns Area and AreaGroup and the loaders for CBS lists, the region's gemeente boundaries for
the monitor's map (`boundaries`, CBS/PDOK 2025, ADR 0033), and AreaStatistic: CBS's published
figures per area and year from StatLine downloads (`statline`), shown beside the programme's
own figures. Imports `core` (errors) and `partners` (the access checks in its views).
"""
