"""The monitor's copy of Vega's CSP-safe expression interpreter, made from the npm package.

`vega-interpreter` is published only as an ES module that imports `vega-util` by its bare
name, which a browser cannot resolve without an (inline, so CSP-blocked) import map. The copy
in `monitor/static/monitor/vega-interpreter.js` is the same code reading `vega-util`'s
functions from the `vega` global of vega.min.js, and adding itself to that global.
tests/web/test_hardening.py fails when the copy and the installed package differ; then run
    .venv/bin/python -m tests.web.vega_vendor
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# where npm put the packages: the project's own, or DOORBRAAK_NODE_MODULES (a worktree has none)
NODE_MODULES = Path(os.environ.get("DOORBRAAK_NODE_MODULES") or ROOT / "node_modules")
SOURCE = NODE_MODULES / "vega-interpreter" / "build" / "vega-interpreter.js"
COPY = ROOT / "src" / "doorbraak" / "monitor" / "static" / "monitor" / "vega-interpreter.js"
IMPORT = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';"
EXPORT = "export { expression as expressionInterpreter };"
MAP = "//# sourceMappingURL=vega-interpreter.js.map"


def browser_copy(module: str) -> str:
    version = _version()
    names = "const { ascending, isString, DisallowedObjectProperties } = vega;"
    body = module.replace(IMPORT, names)
    body = body.replace(EXPORT, "vega.expressionInterpreter = expression;").replace(MAP, "")
    if IMPORT in module and EXPORT in module:
        return (
            f"/* vega-interpreter {version} (BSD-3-Clause, https://github.com/vega/vega), made "
            "for the browser by tests/web/vega_vendor.py: do not edit. */\n"
            f'(function (vega) {{\n"use strict";\n{body.strip()}\n}})(window.vega);\n'
        )
    raise SystemExit("vega-interpreter changed its imports or exports: update vega_vendor.py")


def _version() -> str:
    import json

    package = json.loads((SOURCE.parent.parent / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


if __name__ == "__main__":
    COPY.write_text(browser_copy(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{COPY} bijgewerkt")
