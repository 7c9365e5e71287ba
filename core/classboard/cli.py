"""``python -m core class ...``: the class board from a terminal, over the same ClassStore.

    class new [--json]                                   last line {"code": ..., "key": ...}
    class submit CODE --name NICK --page NAME [--lr 0.1 ...] [--metrics JSON] [--challenge ID]
                 [--id SUBMISSION_ID] [--json]           trains, or stores the given metrics
    class board CODE [--key KEY] [--json]                last line {"entries": [...]}
    class export CODE --key KEY                          CSV on stdout
    class hide CODE --key KEY --entry ID [--show]
    class close CODE --key KEY [--reopen]
    class clear CODE --key KEY

Every verb takes ``--db URL`` (else $PLAYGROUND_DB_URL, else SQLite in the data folder).
A refused input, a wrong key or an unusable database: one line on stderr, exit 2.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from core.classboard.engine import ClassBoardError
from core.classboard.store import ClassStore, Entry
from core.classboard.submission import metrics_of
from core.classboard.text import show_code
from core.command_line import (EXIT_DIVERGED, OneLineParser, fail, json_safe, metrics_flag,
                               read_flags)
from core.config import ConfigError, from_strings, to_strings
from core.measure import measure
from core.registry import TaskUnavailable, get_task, task_names

VERBS = ("new", "submit", "board", "export", "hide", "close", "clear")


def main(argv: Sequence[str]) -> int:
    argv = list(argv)
    if not argv or argv[0] not in VERBS:
        fail(f"class needs one of: {', '.join(VERBS)}")
    verb, rest = argv[0], argv[1:]
    parser = OneLineParser(prog=f"python -m core class {verb}", add_help=False)
    parser.add_argument("--db", default=None, metavar="URL")
    if verb != "new":
        parser.add_argument("code", metavar="CODE")
    if verb in ("new", "board"):
        parser.add_argument("--json", action="store_true")
    if verb in ("export", "hide", "close", "clear"):
        parser.add_argument("--key", required=True)
    if verb == "board":
        parser.add_argument("--key", default=None, help="the teacher's key: hidden entries too")
    if verb == "hide":
        parser.add_argument("--entry", required=True, type=int, metavar="ID")
        parser.add_argument("--show", action="store_true", help="show a hidden entry again")
    if verb == "close":
        parser.add_argument("--reopen", action="store_true")
    try:
        if verb == "submit":
            return _submit(parser, rest)
        args = parser.parse_args(rest)
        store = ClassStore(args.db)
        if verb == "new":
            return _new(store, args.json)
        if verb == "board":
            return _board(store, args)
        if verb == "export":
            sys.stdout.write(store.export_csv(args.code, args.key))
        elif verb == "hide":
            store.hide(args.code, args.key, args.entry, hidden=not args.show)
            print(f"entry {args.entry} {'shown' if args.show else 'hidden'}")
        elif verb == "close":
            store.close(args.code, args.key, closed=not args.reopen)
            print("class reopened" if args.reopen else "class closed")
        elif verb == "clear":
            print(f"{store.clear(args.code, args.key)} entries deleted")
        return 0
    except ClassBoardError as err:
        fail(str(err))


def _new(store: ClassStore, as_json: bool) -> int:
    made = store.new_class()
    print(f"class code: {show_code(made.code)}   (students type this)")
    print(f"teacher key: {made.key}   (keep it secret: hide, close, clear, export)")
    if as_json:
        print(json.dumps({"code": made.code, "key": made.key}))
    return 0


def _board(store: ClassStore, args) -> int:
    state = store.state(args.code)
    if args.key is not None:
        store.verify_key(state.code, args.key)
    entries = store.entries(state.code, include_hidden=args.key is not None)
    print(f"class {show_code(state.code)}: {len(entries)} entries"
          + ("  (closed)" if state.closed else ""))
    for e in entries:
        print(_line(e))
    if args.json:
        print(json.dumps({"code": state.code, "closed": state.closed,
                          "entries": [e.as_json() for e in entries]}, ensure_ascii=False))
    return 0


def _line(e: Entry) -> str:
    figures = "  ".join(f"{k}={v:.4g}" for k, v in e.metrics.items() if isinstance(v, float))
    flags = " (hidden)" if e.hidden else ""
    return f"{e.id:>5}  {e.nickname!r}  {e.page}  {figures}{flags}"


def _submit(parser: OneLineParser, rest: list[str]) -> int:
    parser.add_argument("--page", required=True, choices=task_names(), metavar="NAME")
    args, flags = parser.parse_known_args(rest)
    task = get_task(args.page)
    extra = {"--name": {"required": True}, "--metrics": {"default": None},
             "--challenge": {"default": None}, "--id": {"default": None},
             "--json": {"action": "store_true"}}
    given = read_flags(task, f"python -m core class submit --page {task.name}", flags, extra)
    own = {k: given.pop(k) for k in ("name", "metrics", "challenge", "id", "json")}
    try:
        cfg, _ = from_strings(task.config, {k: v for k, v in given.items() if v is not None})
    except (ConfigError, TypeError) as err:  # TypeError: a config's own cross-field check
        fail(str(err))
    store = ClassStore(args.db)
    store.join(args.code, own["name"])  # refuse a closed class or a bad name before training
    status = 0
    if own["metrics"] is not None:
        metrics = metrics_flag(own["metrics"])
    else:
        try:
            figures, final = measure(task, cfg)
        except (ConfigError, TaskUnavailable) as err:
            fail(str(err))
        metrics = metrics_of(figures)
        status = EXIT_DIVERGED if final.divergence is not None else 0
    receipt = store.submit(args.code, nickname=own["name"], page=task.name,
                           settings=to_strings(cfg), metrics=metrics,
                           challenge=own["challenge"], submission_id=own["id"])
    print(f"{'already stored' if receipt.duplicate else 'stored'}: entry {receipt.entry_id} "
          f"for {own['name']!r} on {task.name}"
          + ("" if receipt.passed is None else
             f", challenge {'passed' if receipt.passed else 'not passed'}"))
    if own["json"]:
        print(json.dumps({"id": receipt.entry_id, "duplicate": receipt.duplicate,
                          "passed": receipt.passed, "metrics": json_safe(metrics)},
                         ensure_ascii=False))
    return status
