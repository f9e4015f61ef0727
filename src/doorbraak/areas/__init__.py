"""Areas: the region, its gemeenten, wijken and buurten with CBS codes and vintages, and named
groupings of buurten (dorpen, focus and experiment areas).

Owns Area and AreaGroup and the loaders for CBS lists. Imports `core` (errors) and
`partners` (the access checks in its views).
"""
