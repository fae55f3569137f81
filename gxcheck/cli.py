"""The ``gxcheck`` command.

Exit codes: 0 no error finding · 1 at least one error finding · 2 usage or plugin
error · 3 internal error.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Sequence

from gxcheck import __version__
from gxcheck.argtext import ChineseParser, UsageError, nearest
from gxcheck.engine import Engine, expand_paths
from gxcheck.faults import EXIT_OUTPUT, describe_failure, output_failure
from gxcheck.ftypes import Config, DocumentResult, ReadError
from gxcheck.manager import PluginError, Plugins
from gxcheck.names import register as register_names
from gxcheck.rulefile import RuleFileError
from gxcheck.stopping import EXIT_TERMINATED, Terminated, sigterm_raises

if TYPE_CHECKING:
    from gxcheck.cache import ResultCache
    from gxcheck.config import CodeCheck, Settings
    from gxcheck.formatter import Formatter
    from gxcheck.run import RunOptions
    from gxcheck.waivers import Waiver, Waivers

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
NAME_STDIN = "-"  # `gxcheck run -`: one report from standard input


_Parser = ChineseParser


def _parser() -> argparse.ArgumentParser:
    def plugin_option(parser: _Parser, default: object) -> _Parser:
        parser.add_argument("-p", dest="plugin_options", action="append", default=default, metavar="no:NAME",
                            help="停用一个插件，例如 -p no:narrative（可重复）")
        return parser

    # -p may stand before or after the command; the command's copy must not reset the other.
    common = plugin_option(_Parser(add_help=False), argparse.SUPPRESS)
    parser = plugin_option(_Parser(prog="gxcheck", description="政府信息公开工作年度报告检查工具"
                                   "（gxcheck 报告.docx 即检查该文件；gxcheck 命令 -h 查看各命令的选项）"), [])
    parser.add_argument("--version", action="version", version=f"gxcheck {__version__}", help="显示版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    run = sub.add_parser("run", parents=[common], help="检查报告文件或文件夹")
    run.add_argument("paths", nargs="+", metavar="PATH",
                     help="报告文件或文件夹（递归查找 txt/docx/pdf/html/doc/wps）；- 表示从标准输入读取一份报告")
    run.add_argument("--format", "-f", default="text", help="输出格式：text（默认）、json、pytest 或插件提供的格式")
    run.add_argument("--jobs", "-j", type=int, default=0, help="并行进程数（默认：全部 CPU 核心）")
    run.add_argument("--select", default=None, help="只运行这些规则，逗号分隔的代码或前缀，如 A,D001")
    run.add_argument("--ignore", default=None, help="不运行这些规则，逗号分隔的代码或前缀")
    run.add_argument("--deadline", default=None, metavar="MM-DD", help="发布截止日期（次年），默认 01-31")
    run.add_argument("--config", default=None, metavar="FILE",
                     help="配置文件（TOML），用于所有文件；不给出时，每个文件用离它最近的 gxcheck.toml"
                          " 或含 [tool.gxcheck] 的 pyproject.toml（向上查找）")
    run.add_argument("--output", "-o", default=None, metavar="FILE", help="把结果写入文件（xlsx 等二进制格式必须用它或管道）")
    run.add_argument("--waivers", default=None, metavar="FILE",
                     help="豁免文件（默认：当前目录或其上级目录中的 gxcheck-waivers.toml，如有）")
    run.add_argument("--baseline", default=None, metavar="FILE", help="基线文件：只报告其中没有的新问题")
    run.add_argument("--write-baseline", default=None, metavar="FILE", help="把本次发现的问题写成基线文件")
    run.add_argument("--verbose", "-v", action="store_true", help="详细输出：每条问题的规则名和引文、每个文件的用时")
    run.add_argument("--no-progress", action="store_true", help="不显示进度条")
    run.add_argument("--statistics", action="store_true", help="不逐条列出，只按代码统计问题数量")
    run.add_argument("--quiet", "-q", action="store_true", help="只列出有错误的文件，每个一行")
    run.add_argument("--previous", action="append", default=[], metavar="FILE",
                     help="上一年的报告（可多次给出）：只用来做跨年比较（Y 规则），本身不列出检查结果")
    run.add_argument("--exit-zero", action="store_true", help="即使发现错误也以 0 退出（用于只看报告、不拦截的场合）")
    run.add_argument("--cache", action="store_true", help="使用结果缓存：未改动的文件直接读回上次的结果")
    run.add_argument("--cache-file", default=None, metavar="FILE", help="缓存数据库的位置（隐含 --cache）")
    run.add_argument("--dask", default=None, metavar="ADDRESS",
                     help="交给一个 Dask 集群的工作进程检查，如 tcp://scheduler:8786（需要 gxcheck[dask]）")

    cache = sub.add_parser("cache", parents=[common], help="结果缓存：info 查看，clear 清空")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument("--cache-file", default=None, metavar="FILE", help="缓存数据库的位置（默认在用户缓存目录）")
    cache.add_argument("--config", default=None, metavar="FILE", help="配置文件（用于统计与当前设置相符的条目）")

    show = sub.add_parser("show", parents=[common], help="显示从文件中读到的内容（部分、落款、三张表）")
    show.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹；- 表示从标准输入读一份报告")
    show.add_argument("--format", "-f", default="text", choices=["text", "json"])

    config = sub.add_parser("config", parents=[common], help="显示对某个文件或文件夹生效的设置及其来源")
    config.add_argument("path", nargs="?", default=".", metavar="PATH")
    config.add_argument("--config", default=None, metavar="FILE", help="指定配置文件（与 run 相同）")

    sub.add_parser("schema", parents=[common], help="输出 gxcheck run --format json 的 JSON Schema")

    rules = sub.add_parser("rules", parents=[common], help="列出全部规则")
    rules.add_argument("--format", "-f", default="text", choices=["text", "json"])

    rule = sub.add_parser("rule", parents=[common], help="解释一条规则：检查什么、依据、示例")
    rule.add_argument("code")

    sub.add_parser("plugins", parents=[common], help="列出全部插件及其状态")

    serve = sub.add_parser("serve", parents=[common], help="打开自查网页：上传一份报告，在浏览器里看结果（需要 gxcheck[page]）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机可以访问）")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                       help="允许用来访问本页面的主机名（可重复；默认 localhost 和 127.0.0.1）")
    serve.add_argument("--max-mb", type=int, default=20, help="上传文件大小上限，单位 MB（默认 20）")
    serve.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")

    test_rules = sub.add_parser("test-rules", parents=[common], help="用规则自带的示例检验规则（插件作者用）")
    test_rules.add_argument("plugin", nargs="?", default=None, metavar="PLUGIN", help="只检验这个插件的规则")
    test_rules.add_argument("--config", default=None, metavar="FILE", help="配置文件（其中的 rules 规则文件也参加检验）")
    return parser


def _disabled(options: Sequence[str]) -> list[str]:
    out = []
    for opt in options:
        if not opt.startswith("no:") or len(opt) <= 3:
            raise UsageError(f"-p 只接受 no:插件名，例如 -p no:narrative（收到的是「{opt}」）")
        out.append(opt[3:])
    return out


def _command_line_settings(args: argparse.Namespace) -> dict[str, object]:
    from gxcheck.config import parse_deadline

    update: dict[str, object] = {}
    if getattr(args, "deadline", None) is not None:
        try:
            update["deadline"] = parse_deadline(args.deadline)
        except ValueError:
            raise UsageError(f"--deadline 应为一年中的某一天，写作 MM-DD，例如 01-31（收到的是「{args.deadline}」）") from None
    for name in ("select", "ignore"):
        value = getattr(args, name, None)
        if value is not None:
            update[name] = tuple(x.strip().upper() for x in value.split(",") if x.strip())
    return update


def _code_check(plugins: Plugins) -> "CodeCheck":
    """Checks the codes a setting names against every known rule (switched-off plugins' included)."""
    from gxcheck.codes import check_codes

    known = [rule.code for _, rule in plugins.rules]
    extra, uninspected = plugins.disabled_codes()

    def check(prefixes: Sequence[str], where: str) -> None:
        if not uninspected:  # a switched-off plugin whose codes cannot be known: any code might be its
            check_codes([p.upper() for p in prefixes], known + extra, where)

    return check


def _settings(args: argparse.Namespace, plugins: Optional[Plugins]) -> "Settings":
    """Each file's settings: its nearest config file (or ``--config``), then the command line."""
    from gxcheck.codes import UnknownCodeError
    from gxcheck.config import ConfigError, Settings

    update = _command_line_settings(args)
    try:
        if plugins is not None:
            check = _code_check(plugins)
            for name in ("select", "ignore"):
                if name in update:
                    check(update[name], f"--{name}")  # type: ignore[arg-type]
        return Settings(explicit=getattr(args, "config", None), command_line=update,
                        check=_code_check(plugins) if plugins is not None else None)
    except (ConfigError, UnknownCodeError) as exc:
        raise UsageError(str(exc)) from None


def _rule_files(args: argparse.Namespace) -> list[Path]:
    """The TOML rule packs the configuration in force for the current folder names (``rules = [...]``)."""
    from gxcheck.config import ConfigError

    try:
        return [Path(f) for f in _settings(args, None).config_for(Path.cwd()).rule_files]
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _files(paths: Sequence[str]) -> list[Path]:
    skipped: list[Path] = []
    try:
        files = expand_paths(paths, skipped)
    except FileNotFoundError as exc:
        raise UsageError(f"找不到路径：{exc.args[0]}") from None
    if skipped:  # nothing is left out silently
        from gxcheck.paths import describe_skipped

        sys.stderr.write(f"gxcheck: {describe_skipped(skipped)}\n")
    if not files:
        raise UsageError("给出的路径中没有报告文件（.txt .md .docx .pdf .html .htm .doc .wps .rtf .odt）")
    return files


def _apart_from_results(args: argparse.Namespace, files: list[Path]) -> list[Path]:
    """The files to check, without the one this run writes its results to (an earlier result of
    gxcheck's, or an empty file, found in a folder that is checked).  An --output or
    --write-baseline that would overwrite a report is a usage error: gxcheck never writes to the
    files it checks."""
    import os

    from gxcheck.sniff import is_own_output

    targets = {os.path.realpath(t): (option, t) for option, t in (("--output", args.output),
                                                                   ("--write-baseline", args.write_baseline)) if t}
    if not targets:
        return files
    kept = []
    for f in files:
        hit = targets.get(os.path.realpath(f))
        if hit is None:
            kept.append(f)
            continue
        try:
            ours = f.stat().st_size == 0 or is_own_output(f)
        except OSError:
            ours = True  # nothing there to lose
        if not ours:
            raise UsageError(f"{hit[0]} {hit[1]} 是要检查的报告之一：gxcheck 不会改写报告，请把结果写到别的文件")
    return kept


def cmd_run(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.config import ConfigError
    from gxcheck.run import RunOptions, open_output, run

    formatters = plugins.formatters
    if args.format not in formatters:
        near = nearest(args.format, sorted(formatters))
        hint = f"您是不是想用「{near}」？" if near else ""
        raise UsageError(f"没有名为「{args.format}」的输出格式；{hint}可用：{'、'.join(sorted(formatters))}")
    if args.jobs < 0:
        raise UsageError(f"--jobs 应为进程数（正整数；不写或写 0 表示全部 CPU 核心），收到的是「{args.jobs}」")
    options = RunOptions(files=[], jobs=args.jobs, progress=not args.no_progress, quiet=args.quiet,
                         here=getattr(args, "command_line", False))
    if NAME_STDIN in args.paths:
        from gxcheck.stdin import stdin_to_file

        options.stdin_path = stdin_to_file()
        args.paths = [str(options.stdin_path) if p == NAME_STDIN else p for p in args.paths]
    options.files = _apart_from_results(args, _files(args.paths))
    options.previous = ([p for p in _apart_from_results(args, _files(args.previous)) if p not in set(options.files)]
                        if args.previous else [])
    settings = _settings(args, plugins)
    try:
        for path in [*options.files, *options.previous]:
            settings.resolve(path)  # every config file in force is read (and checked) before any file is
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    base = settings.config_for(Path.cwd())
    engine = Engine(plugins, base, configs=settings.config_for)
    options.waivers = _waivers(args, settings, options.files, plugins)
    _baselines(args, options)
    if args.cache or args.cache_file:
        options.cache = _open_cache(args, plugins, base)
        # A format that shows the parsed report (html) keeps it in its own cache entries.
        options.cache_salt = lambda path: (_salt(settings.config_for(path), base)
                                           + (":report" if engine.keep_reports else ""))
    formatter_class = formatters[args.format]
    if args.dask:
        options.check = _on_cluster(args.dask, engine)
    try:
        stream, binary, close = open_output(args.output, formatter_class.binary)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    formatter = formatter_class(io.StringIO() if args.statistics or args.quiet else stream, binary)
    _style(formatter, stream, args)
    formatter.rules = {rule.code: rule for _, rule in plugins.rules}
    engine.keep_reports = formatter.shows_reports and not (args.statistics or args.quiet)
    if args.quiet and not args.statistics:
        from gxcheck.quiet import quiet_line

        def quiet(result: DocumentResult) -> None:
            stream.write(quiet_line(result))

        options.extra_outputs.append(quiet)
    from gxcheck.baseline import BaselineError

    try:
        tally = run(engine, formatter, options)
        if args.statistics:  # into --output too, when it is given
            from gxcheck.statistics import statistics_table

            stream.write(statistics_table(tally, {r.code: r.title for _, r in plugins.rules}))
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    finally:
        close()
    sys.stdout.flush()
    def ran(path: str, code: str) -> bool:
        return engine.for_file(Path(path))._selected(code)

    for line in options.waivers.leftovers(ran):
        sys.stderr.write(f"gxcheck: {line}\n")
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if tally.failed else EXIT_OK


def _on_cluster(address: str, engine: Engine) -> Callable[[Sequence[Path]], Iterator[DocumentResult]]:
    """``--dask ADDRESS``: the files are checked on the cluster's workers (see gxcheck/distributed.py)."""
    from gxcheck.distributed import Cluster, ClusterError

    try:
        cluster = Cluster(address, engine)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None

    def check(files: Sequence[Path]) -> Iterator[DocumentResult]:
        try:
            yield from cluster.check(files)
        except ClusterError as exc:  # the scheduler was lost during the run
            raise UsageError(str(exc)) from None

    return check


def _salt(config: Config, base: Config) -> str:
    import hashlib

    return "" if config == base else ":" + hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:16]


def _style(formatter: "Formatter", stream: object, args: argparse.Namespace) -> None:
    """Colour (on a terminal, unless NO_COLOR; always with FORCE_COLOR) and -v, for formats that use them."""
    import os

    if os.environ.get("NO_COLOR"):
        color = False
    elif os.environ.get("FORCE_COLOR"):
        color = True
    else:
        color = bool(getattr(stream, "isatty", lambda: False)())
    formatter.color = color
    formatter.verbose = args.verbose


def _waivers(args: argparse.Namespace, settings: "Settings", files: Sequence[Path], plugins: Plugins) -> "Waivers":
    """The waiver file (``--waivers``, else the nearest gxcheck-waivers.toml) and the [[waiver]]
    tables of every config file in force."""
    from gxcheck.config import files_upward
    from gxcheck.waivers import DEFAULT_NAME, WaiverError, Waivers, load_waivers, parse_waivers

    known = {rule.code for _, rule in plugins.rules} | set(plugins.disabled_codes()[0])
    found: list[Waiver] = []
    try:
        file = Path(args.waivers) if args.waivers else next(files_upward(Path.cwd(), (DEFAULT_NAME,)), None)
        if args.waivers and file.is_dir():  # type: ignore[union-attr]
            raise UsageError(f"--waivers 应给出豁免文件，{args.waivers} 是一个文件夹")
        if args.waivers and not file.is_file():  # type: ignore[union-attr]
            raise UsageError(f"找不到豁免文件：{args.waivers}")
        if file is not None:
            found += load_waivers(file, known)
        seen: set[Path] = set()
        for path in files:
            config_file = settings.resolve(path).file
            if config_file is not None and config_file.path not in seen:
                seen.add(config_file.path)
                found += parse_waivers(config_file.waivers, config_file.path, known)
    except WaiverError as exc:
        raise UsageError(str(exc)) from None
    return Waivers(found)


def _baselines(args: argparse.Namespace, options: "RunOptions") -> None:
    from gxcheck.baseline import Baseline, BaselineError, BaselineWriter

    try:
        if args.baseline:
            options.baseline = Baseline(Path(args.baseline))
        if args.write_baseline:
            options.write_baseline = BaselineWriter(Path(args.write_baseline))
            options.write_baseline.check_writable()  # say so now, not after the whole run
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _open_cache(args: argparse.Namespace, plugins: Plugins, config: Config) -> "ResultCache":
    from gxcheck.cache import CacheError, ResultCache, default_path, setup_hash

    try:
        return ResultCache(Path(args.cache_file) if args.cache_file else default_path(), setup_hash(plugins, config))
    except CacheError as exc:
        raise UsageError(str(exc)) from None


def cmd_cache(args: argparse.Namespace, plugins: Plugins) -> int:
    with _open_cache(args, plugins, _config_file_only(args)) as cache:
        if args.action == "clear":
            sys.stdout.write(f"已清空结果缓存 {cache.path}：删除 {cache.clear()} 条\n")
            return EXIT_OK
        info = cache.info()
    sys.stdout.write(f"结果缓存：{info.path}\n大小：{info.bytes / 1024:.1f} KiB\n"
                     f"条目：{info.entries}（与当前代码和设置相符的 {info.current} 条）\n")
    return EXIT_OK


def _config_file_only(args: argparse.Namespace) -> Config:
    from gxcheck.config import ConfigError

    try:
        return _settings(args, None).config_for(Path.cwd())
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def cmd_config(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.config import ConfigError, DEFAULT_SOURCE

    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"找不到路径：{args.path}")
    try:
        resolved = _settings(args, plugins).resolve(path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    out = sys.stdout
    out.write(f"对 {path} 生效的设置\n配置文件：{resolved.file.label if resolved.file else '无（使用默认设置）'}\n\n")
    config = resolved.config
    shown = {"deadline": f"\"{config.deadline[0]:02d}-{config.deadline[1]:02d}\"",
             "select": json.dumps(list(config.select), ensure_ascii=False),
             "ignore": json.dumps(list(config.ignore), ensure_ascii=False),
             "rules": json.dumps(list(config.rule_files), ensure_ascii=False),
             "copy_threshold": str(config.copy_threshold),
             "severity": "{" + ", ".join(f"{c} = \"{v}\"" for c, v in config.severity) + "}",
             "level": json.dumps(config.level)}
    key_of = {"rules": "rule_files"}
    width = max(len(k) + len(v) for k, v in shown.items()) + 4
    for name, value in shown.items():
        line = f"{name} = {value}"
        out.write(f"{line}{' ' * max(1, width - len(line))}# {resolved.sources.get(key_of.get(name, name), DEFAULT_SOURCE)}\n")
    if resolved.file is not None and resolved.file.overrides:
        out.write(f"\n（{resolved.file.label} 中有 {len(resolved.file.overrides)} 个 overrides，"
                  "上面已按此路径套用相符的那些）\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.schema import run_schema

    json.dump(run_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.show import report_json, report_text

    stdin: Optional[Path] = None
    if NAME_STDIN in args.paths:  # 「gxcheck show -」 reads a report from standard input, as run does
        from gxcheck.stdin import stdin_to_file

        stdin = stdin_to_file()
        args.paths = [str(stdin) if p == NAME_STDIN else p for p in args.paths]
    files = _files(args.paths)
    engine = Engine(plugins)
    docs = []
    for path in files:
        try:
            report, error = engine.read(path), None
        except ReadError as exc:
            report, error = None, exc.message
        except Exception as exc:  # a hostile file: report it, go on
            report, error = None, describe_failure(exc)
        shown = NAME_STDIN if stdin is not None and path == stdin else str(path)
        if report is not None and shown != str(path):
            report = report.model_copy(update={"path": shown})
        if args.format == "json":
            docs.append(report_json(shown, report, error))
        else:
            sys.stdout.write(report_text(shown, report, error) + "\n")
    if args.format == "json":
        json.dump(docs, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, plugins: Plugins) -> int:
    if args.format == "json":
        data = [{"code": r.code, "slug": r.slug, "title": r.title, "pack": pack, "severity": r.severity.value,
                 "basis": r.basis} for pack, r in plugins.rules]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from tabulate import tabulate

    rows = [[r.code, pack, r.severity.chinese, r.title, r.slug] for pack, r in plugins.rules]
    sys.stdout.write(tabulate(rows, headers=["代码", "规则包", "级别", "标题", "英文名"]) + "\n")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.docs import explain

    found = plugins.rule(args.code) or plugins.rule(args.code.upper())  # 「t004」 is T004
    if found is None:
        from gxcheck.codes import suggest

        codes = [r.code for _, r in plugins.rules]
        near = [c for c in suggest(args.code.upper(), codes) if len(c) > 1]
        hint = f"（您是不是想写「{'」或「'.join(near)}」？）" if near else ""
        raise UsageError(f"没有代码为「{args.code}」的规则{hint}；用 gxcheck rules 查看全部规则")
    sys.stdout.write(explain(*found))
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace, plugins: Plugins) -> int:
    from tabulate import tabulate

    rows = [[i.name, f"{i.distribution} {i.version}", i.shown_status, " ".join(i.rules) or "-",
             " ".join(i.formats) or "-"] for i in plugins.infos]
    sys.stdout.write(tabulate(rows, headers=["插件", "发行包及版本", "状态", "规则", "输出格式"]) + "\n")
    return EXIT_OK


def cmd_test_rules(args: argparse.Namespace, plugins: Plugins) -> int:
    from gxcheck.testing import Runner, check_rules

    names = {i.name for i in plugins.infos if i.status == "已加载"}
    if args.plugin is not None and args.plugin not in names:
        raise UsageError(f"没有已加载的插件「{args.plugin}」；用 gxcheck plugins 查看全部插件")
    rules = [rule for pack, rule in plugins.rules if args.plugin in (None, pack)]
    failed = 0
    results = check_rules(rules, Runner(plugins))
    for case, problems in results:
        if problems:
            failed += 1
            sys.stdout.write(f"失败 {case}：" + "\n    ".join(problems) + "\n")
    sys.stdout.write(f"{len(rules)} 条规则，{len(results)} 个示例：{len(results) - failed} 个通过，{failed} 个失败\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_serve(args: argparse.Namespace, plugins: Plugins) -> int:
    try:
        from gxcheck.serve import cmd_serve as serve
    except ImportError as exc:
        raise UsageError(f"自查网页需要额外的组件（缺少 {exc.name}）：pip install 'gxcheck[page]'") from None
    if args.max_mb < 1 or not 0 < args.port < 65536:
        raise UsageError("--max-mb 至少为 1，--port 应在 1 到 65535 之间")
    return serve(args)


COMMANDS = {"run": cmd_run, "config": cmd_config, "schema": cmd_schema, "serve": cmd_serve, "show": cmd_show,
            "rules": cmd_rules, "rule": cmd_rule, "plugins": cmd_plugins,
            "test-rules": cmd_test_rules, "cache": cmd_cache}


def _implicit_run(argv: list[str]) -> list[str]:
    """``gxcheck 报告.docx`` means ``gxcheck run 报告.docx``: the first word that is no command
    or option but names an existing file or folder starts a run."""
    for i, word in enumerate(argv):
        if word in COMMANDS or word.startswith("-"):
            if word in COMMANDS:
                return argv
            continue
        if i > 0 and argv[i - 1] == "-p":
            continue
        return argv[:i] + ["run"] + argv[i:] if Path(word).exists() else argv
    return argv


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The ``gxcheck`` command. Without ``argv`` it is the command itself (the console script,
    ``python -m gxcheck``), whose process ends when it returns: a lone small text file is then
    checked in this process (gxcheck/worker.py, ``suits_here``), and the objects are frozen for the
    garbage collector on the way out, so that the interpreter's last collection does not walk them
    all (about 30 ms of ``gxcheck run one.txt`` checked in-process)."""
    with sigterm_raises():  # SIGTERM stops the run like Ctrl-C, cleaning up (gxcheck/stopping.py)
        code = _main(argv)
    if argv is None:
        gc.freeze()
    return code


def _main(argv: Optional[Sequence[str]]) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:  # Chinese output whatever the locale says; file names that are not UTF-8 readable
                stream.reconfigure(encoding="utf-8", errors=register_names())
            except ValueError:
                pass
    try:
        args = _parser().parse_args(_implicit_run(list(sys.argv[1:] if argv is None else argv)))
        args.command_line = argv is None
        if not args.command:
            _parser().print_help()
            return EXIT_USAGE
        plugins = Plugins(disabled=_disabled(args.plugin_options), rule_files=_rule_files(args))
        code = COMMANDS[args.command](args, plugins)
        sys.stdout.flush()  # a full disk must be found here, not when Python exits
        return code
    except UsageError as exc:
        sys.stderr.write(f"gxcheck: {exc}\n")
        return EXIT_USAGE
    except PluginError as exc:
        sys.stderr.write(f"gxcheck: 插件错误，已停止：{exc}\n")
        return EXIT_USAGE
    except RuleFileError as exc:
        sys.stderr.write(f"gxcheck: 规则文件有误，已停止：{exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("gxcheck: 已中断\n")
        return 130
    except Terminated:
        sys.stderr.write("gxcheck: 收到终止信号（SIGTERM），已停止\n")
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        said = output_failure(exc)  # a full disk, a closed output: say so in one line
        if said is None:
            return _internal_error()
        sys.stderr.write(f"gxcheck: {said}\n")
        return EXIT_OUTPUT
    except Exception:
        return _internal_error()


def _internal_error() -> int:
    sys.stderr.write("gxcheck: 内部错误（这是 gxcheck 的缺陷，请连同下面的信息报告）：\n")
    traceback.print_exc()
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
