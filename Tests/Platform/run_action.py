#!/usr/bin/env python3
"""Runs the shell steps of the composite action.yml here, as a GitHub runner would:

  Tests/Platform/run_action.py WORKDIR NAME=VALUE ...     (the action's inputs)

Each step's `${{ inputs.X }}`, `${{ steps.ID.outputs.X }}` and `${{ github.X }}` in `env:` and
`if:` are substituted; the step runs as `bash --noprofile --norc -eo pipefail FILE` with
GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files in WORKDIR (whose writes
later steps see), RUNNER_TEMP=WORKDIR/temp, RUNNER_OS and GITHUB_ACTION_PATH at the repository.
An `if:` is evaluated for the forms action.yml uses (`A == 'x'`, `A != 'x'`, joined by `&&`);
any other form is an error, so a new one cannot be silently skipped. Prints the steps that ran
and the action's outputs as JSON on the last line; exits with the first failing step's status.
"""

import json
import os
import pathlib
import platform
import re
import subprocess
import sys

from ruamel.yaml import YAML

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
COMPARISON = re.compile(r"^([\w.-]+)\s*(==|!=)\s*'([^']*)'$")


def main(work, assignments):
    work = pathlib.Path(work)
    (work / "temp").mkdir(parents=True, exist_ok=True)
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text())
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if name not in inputs:
            sys.exit(f"run_action: action.yml has no input {name}")
        inputs[name] = value
    context = {"inputs": inputs, "steps": {}, "github": {"action_repository": "", "action_ref": ""}}

    def value(reference):
        node = context
        for part in reference.split("."):
            if not isinstance(node, dict):
                return ""
            node = node.get(part, "")
        return node if isinstance(node, str) else ""

    def substitute(text):
        return EXPRESSION.sub(lambda m: value(m.group(1)), str(text))

    def condition(text):
        text = EXPRESSION.sub(lambda m: m.group(1), str(text)).strip()
        results = []
        for part in text.split("&&"):
            match = COMPARISON.match(part.strip())
            if not match:
                sys.exit(f"run_action: cannot evaluate if: {text}")
            reference, operator, literal = match.groups()
            results.append((value(reference) == literal) == (operator == "=="))
        return all(results)

    files = {name: work / name for name in ("output", "env", "path", "summary")}
    for file in files.values():
        file.write_text("")
    environment = dict(os.environ)
    environment.update(
        GITHUB_ACTION_PATH=str(ROOT), RUNNER_TEMP=str(work / "temp"), GITHUB_REPOSITORY="",
        RUNNER_OS={"Linux": "Linux", "Darwin": "macOS"}[platform.system()],
        GITHUB_OUTPUT=str(files["output"]), GITHUB_ENV=str(files["env"]), GITHUB_PATH=str(files["path"]),
        GITHUB_STEP_SUMMARY=str(files["summary"]))
    status = 0
    for index, step in enumerate(action["runs"]["steps"]):
        if "if" in step and not condition(step["if"]):
            print(f"run_action: skipped {step['name']}")
            continue
        step_environment = dict(environment)
        step_environment.update({k: substitute(v) for k, v in (step.get("env") or {}).items()})
        script = work / f"step-{index + 1}.sh"
        script.write_text(step["run"])
        files["output"].write_text("")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], env=step_environment)
        print(f"run_action: ran {step['name']}: exit {result.returncode}")
        outputs = dict(line.split("=", 1) for line in files["output"].read_text().splitlines() if "=" in line)
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
        for line in files["env"].read_text().splitlines():
            if "=" in line:
                name, _, text = line.partition("=")
                environment[name] = text
        extra = [line for line in files["path"].read_text().splitlines() if line]
        environment["PATH"] = os.pathsep.join(reversed(extra)) + os.pathsep + os.environ["PATH"]
        if result.returncode != 0:
            status = result.returncode
            break
    print(json.dumps({name: substitute(spec["value"]) for name, spec in action["outputs"].items()}))
    return status


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
