"""The toolkit for definitions written as YAML by people (pure: no Django).

Shared by the plan (`programme.definition`), the indicator rules (`monitor.definitions`) and
the partner mappings (`sources.mapping`): the file is composed, not loaded, so every key and
value keeps its line (`nodes`); blocks report unknown, missing and duplicate keys with a
did-you-mean (`fields`); every problem goes to one log (`problems`, records of
`core.problems.Problem`) and reading goes on, so a file's problems are reported at once;
`sourcemap` remembers where each built part stood for rules that run after building.
"""
