#!/usr/bin/env python3
"""Fills expected results of draft PromQL .test scripts by asking promtool 2.42 (offline oracle)."""
import re, subprocess, sys, tempfile, os

def blocks(lines):
    cur = {"load": None, "series": [], "evals": []}
    out = [cur]
    i = 0
    while i < len(lines):
        l = lines[i].strip()
        if l.startswith("load "):
            cur["load"] = l.split()[1]
            i += 1
            while i < len(lines) and lines[i].strip():
                cur["series"].append(lines[i].strip()); i += 1
        elif l == "clear":
            cur = {"load": None, "series": [], "evals": []}; out.append(cur)
        elif l.startswith("eval"):
            cur["evals"].append(l)
        i += 1
    return out

def split_series(s):
    if "{" in s.split()[0] or s.startswith("{"):
        end = s.index("}") + 1
    else:
        end = s.index(" ")
    return s[:end], s[end:].strip()

def yq(s):
    return "'" + s.replace("'", "''") + "'"

def run(block):
    res = []
    y = ["rule_files: []", "evaluation_interval: 1m", "tests:", "  - interval: " + block["load"], "    input_series:"]
    for s in block["series"]:
        name, vals = split_series(s)
        y += ["      - series: " + yq(name), "        values: " + yq(vals)]
    y.append("    promql_expr_test:")
    for e in block["evals"]:
        m = re.match(r"eval(_fail|_ordered)?\s+instant\s+at\s+(\S+)\s+(.*)", e)
        y += ["      - expr: " + yq(m.group(3)), "        eval_time: " + m.group(2)]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        f.write("\n".join(y) + "\n")
    out = subprocess.run(["promtool", "test", "rules", f.name], capture_output=True, text=True)
    os.unlink(f.name)
    text = out.stdout + out.stderr
    got = {}
    for m in re.finditer(r'expr: "((?:[^"\\]|\\.)*)", time: (\S+),(?:\n\s+exp: .*\n\s+got: (.*)| err: (.*))', text):
        expr = bytes(m.group(1), "utf-8").decode("unicode_escape")
        if m.group(4) and "parse error" in m.group(4):
            sys.exit("parse error from promtool: " + expr + ": " + m.group(4))
        got[(expr, m.group(2))] = ("err", m.group(4)) if m.group(4) else ("ok", m.group(3))
    return got

def fmt_val(v):
    return repr(float(v)) if v not in ("NaN", "+Inf", "-Inf") else v

def main(src, dst):
    lines = open(src).read().split("\n")
    bl = blocks(lines)
    results = {}
    for b in bl:
        if b["load"]:
            results.update(run(b))
    out = []
    manual = False
    for idx, l in enumerate(lines):
        s = l.strip()
        if manual:
            out.append(l)
            if not s:
                manual = False
            continue
        m = re.match(r"eval(_fail|_ordered)?\s+instant\s+at\s+(\S+)\s+(.*)", s)
        if not m:
            out.append(l); continue
        t = m.group(2)
        t_norm = t
        key = (m.group(3), t_norm)
        r = None
        for (e, tt), v in results.items():
            if e == m.group(3):
                r = v
        kind = m.group(1) or ""
        if idx + 1 < len(lines) and lines[idx + 1].strip():
            # Expectations written by hand (promtool's lazy loader cannot see samples after the eval time).
            out.append(l)
            manual = True
            continue
        if r is None:
            out.append(l)  # passed with empty result
            continue
        if r[0] == "err":
            out.append("eval_fail instant at %s %s" % (t, m.group(3)))
            continue
        if kind == "_fail":
            sys.exit("expected failure but promtool succeeded: " + s)
        out.append(l)
        for el in re.finditer(r'(\{[^}]*\}) (\S+?)(?:, |$)', r[1]):
            if s.endswith("# scalar"):
                out.append("  %s" % el.group(2))
            else:
                out.append("  %s %s" % (el.group(1), el.group(2)))
    open(dst, "w").write("\n".join(out))

main(sys.argv[1], sys.argv[2])
