// remise-server campaigns import|export|lint|usage

#include "campaignfile.h"
#include "cli.h"
#include "clock.h"
#include "json.h"
#include "lint.h"
#include "money.h"
#include "store.h"

#include <QCommandLineParser>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

Result<CampaignSet> readRules(Context &ctx, const QString &path)
{
    const auto bytes = readFile(ctx, path);
    if (!bytes)
        return fail(bytes.error());
    return campaignfile::parse(*bytes, path == u"-" ? u"<stdin>"_s : path);
}

int importRules(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption replaceOption(
        u"replace"_s,
        u"Replace the whole rule book: segments and campaigns the file leaves out are removed."_s);
    const QCommandLineOption dryRunOption(
        u"dry-run"_s, u"Show what would be created, changed and removed; write nothing."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the report as JSON."_s);
    parser.addOptions({replaceOption, dryRunOption, jsonOption});
    parser.addPositionalArgument(u"FILE"_s, u"A remise/1 file (\"-\": standard input)."_s);
    if (auto stop = parseArguments(ctx, parser, u"campaigns import"_s,
                                   u"FILE [--replace] [--dry-run] [--json]"_s, 1, 1))
        return *stop;
    const QString path = parser.positionalArguments().first();
    const QString what = path == u"-" ? u"<stdin>"_s : path;
    // Validate the whole file before touching the database: all or nothing.
    auto rules = readRules(ctx, path);
    if (!rules)
        return report(ctx, rules.error());
    const bool dryRun = parser.isSet(dryRunOption);
    auto store = openStore(ctx, dryRun ? OpenMode::Existing : OpenMode::Create);
    if (!store)
        return report(ctx, store.error());
    const auto result = (*store)->importRules(*rules, parser.isSet(replaceOption), dryRun);
    if (!result)
        return report(ctx, result.error());
    if (!dryRun) {
        auto saved = (*store)->loadRules();
        if (!saved)
            return report(ctx, saved.error());
        for (const lint::Finding &finding : lint::run(*saved, ctx.clock.nowMs()))
            if (finding.severity == lint::Finding::Severity::Warning)
                ctx.err << finding.format() << Qt::endl;
    }
    if (parser.isSet(jsonOption)) {
        ctx.out << QString::fromUtf8(json::write(
                       result->toJson({u"segment"_s, u"campaign"_s}), json::Style::Pretty,
                       {u"dry_run"_s, u"segments"_s, u"campaigns"_s, u"created"_s, u"changed"_s,
                        u"unchanged"_s, u"removed"_s, u"changes"_s, u"type"_s, u"id"_s, u"change"_s,
                        u"fields"_s}))
                << Qt::flush;
        return Ok;
    }
    using Kind = ImportChange::Kind;
    ctx.out << (dryRun ? "Would import " : "Imported ")
            << plural(rules->segments.size(), u"segment"_s) << " and "
            << plural(rules->campaigns.size(), u"campaign"_s) << " from " << what
            << (parser.isSet(replaceOption) ? " (replacing the rule book)" : "") << '.' << Qt::endl;
    for (const QString &type : {u"segment"_s, u"campaign"_s})
        ctx.out << "  " << type << "s: " << result->count(type, Kind::Created) << " created, "
                << result->count(type, Kind::Changed) << " changed, "
                << result->count(type, Kind::Unchanged) << " unchanged, "
                << result->count(type, Kind::Removed) << " removed" << Qt::endl;
    for (const ImportChange &c : result->changes) {
        if (c.kind == Kind::Unchanged)
            continue;
        const Colour hue = c.kind == Kind::Created   ? Colour::Green
                           : c.kind == Kind::Removed ? Colour::Red
                                                     : Colour::Yellow;
        ctx.out << "  " << colour(ctx, true, hue, ImportChange::kindName(c.kind).leftJustified(8))
                << ' ' << c.type << ' ' << c.id;
        if (c.kind == Kind::Changed)
            ctx.out << ": " << c.fields.join(u", "_s);
        ctx.out << Qt::endl;
    }
    return Ok;
}

int exportRules(Context &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"FILE"_s,
                                 u"Where to write (standard output when left out, or \"-\")."_s);
    if (auto stop = parseArguments(ctx, parser, u"campaigns export"_s, u"[FILE]"_s, 0, 1))
        return *stop;
    auto store = openStore(ctx);
    if (!store)
        return report(ctx, store.error());
    auto rules = (*store)->loadRules();
    if (!rules)
        return report(ctx, rules.error());
    const QString path = parser.positionalArguments().value(0, u"-"_s);
    if (auto written = writeFile(ctx, path, campaignfile::write(*rules)); !written)
        return report(ctx, written.error());
    if (path != u"-")
        ctx.err << "Exported " << plural(rules->segments.size(), u"segment"_s) << " and "
                << plural(rules->campaigns.size(), u"campaign"_s) << " to " << path << Qt::endl;
    return Ok;
}

int lintRules(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption nowOption(u"now"_s, u"Lint as of this time (ISO 8601 with offset)."_s,
                                       u"ISO8601"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the findings as JSON."_s);
    parser.addOptions({nowOption, jsonOption});
    parser.addPositionalArgument(u"FILE"_s, u"A remise/1 file (\"-\": standard input)."_s);
    if (auto stop = parseArguments(ctx, parser, u"campaigns lint"_s,
                                   u"FILE [--now ISO8601] [--json]"_s, 1, 1))
        return *stop;
    const auto now = parseNow(parser.value(nowOption), ctx.clock);
    if (!now)
        return usageError(ctx, now.error().message, u"campaigns lint"_s);
    auto rules = readRules(ctx, parser.positionalArguments().first());
    if (!rules)
        return report(ctx, rules.error());
    const QList<lint::Finding> findings = lint::run(*rules, *now);
    const bool warnings = std::any_of(findings.begin(), findings.end(), [](const lint::Finding &f) {
        return f.severity == lint::Finding::Severity::Warning;
    });
    if (parser.isSet(jsonOption)) {
        QJsonArray list;
        for (const lint::Finding &f : findings)
            list.append(f.toJson());
        ctx.out << QString::fromUtf8(json::write(
                       QJsonObject{{u"findings"_s, list}}, json::Style::Pretty,
                       {u"severity"_s, u"code"_s, u"path"_s, u"subject"_s, u"message"_s}))
                << Qt::flush;
    } else {
        for (const lint::Finding &f : findings) {
            QString line = f.format();
            const bool warning = f.severity == lint::Finding::Severity::Warning;
            const QString label = warning ? u"warning"_s : u"info"_s;
            if (line.startsWith(label))
                line = colour(ctx, true, warning ? Colour::Yellow : Colour::Bold, label) +
                       line.mid(label.size());
            ctx.out << line << Qt::endl;
        }
        if (findings.isEmpty())
            ctx.out << "No problems found in " << plural(rules->campaigns.size(), u"campaign"_s)
                    << " and " << plural(rules->segments.size(), u"segment"_s) << '.' << Qt::endl;
    }
    return warnings ? Failed : Ok;
}

/// `campaigns usage`: needs Store::limitUsage (docs/cli.md).
template<class S>
concept HasLimitUsage = requires(S &store)
{
    store.limitUsage(qint64(0));
};

template<class S>
int printUsage(Context &ctx, S &store, bool asJson)
{
    const auto usage = store.limitUsage(ctx.clock.nowMs());
    if (!usage)
        return report(ctx, usage.error());
    if (asJson) {
        QJsonArray list;
        for (const auto &u : *usage) {
            QJsonObject item{{u"campaign"_s, u.campaignId},
                             {u"limit"_s, u.limit},
                             {u"limit_value"_s, u.limitValue},
                             {u"used"_s, u.used},
                             {u"held"_s, u.held},
                             {u"pending"_s, u.pending},
                             {u"left"_s, u.left}};
            if (!u.currency.isEmpty())
                item.insert(u"currency"_s, u.currency);
            list.append(item);
        }
        ctx.out << QString::fromUtf8(
                       json::write(QJsonObject{{u"limits"_s, list}}, json::Style::Pretty,
                                   {u"campaign"_s, u"limit"_s, u"currency"_s, u"limit_value"_s,
                                    u"used"_s, u"held"_s, u"pending"_s, u"left"_s}))
                << Qt::flush;
        return Ok;
    }
    if (usage->isEmpty()) {
        ctx.out << "No campaign has a limit." << Qt::endl;
        return Ok;
    }
    QList<QStringList> rows{
        {u"CAMPAIGN"_s, u"LIMIT"_s, u"OF"_s, u"USED"_s, u"HELD"_s, u"PENDING"_s, u"LEFT"_s}};
    for (const auto &u : *usage) {
        const auto amount = [&u](qint64 v) {
            return u.currency.isEmpty() ? QString::number(v) : currency::format(v, u.currency);
        };
        rows.append({u.campaignId, u.limit, amount(u.limitValue), amount(u.used), amount(u.held),
                     amount(u.pending), amount(u.left)});
    }
    printTable(ctx, rows, {2, 3, 4, 5, 6});
    return Ok;
}

int limitUsage(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s, u"Print the limits as JSON."_s);
    parser.addOption(jsonOption);
    if (auto stop = parseArguments(ctx, parser, u"campaigns usage"_s, u"[--json]"_s, 0, 0))
        return *stop;
    auto store = openStore(ctx);
    if (!store)
        return report(ctx, store.error());
    if constexpr (HasLimitUsage<Store>)
        return printUsage(ctx, **store, parser.isSet(jsonOption));
    else
        return report(ctx, Error{u"not_available"_s,
                                 u"campaigns usage needs Store::limitUsage, not in this build"_s,
                                 {},
                                 {}});
}

} // namespace

int campaigns(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    ctx.arguments = ctx.arguments.mid(1);
    if (sub == u"import")
        return importRules(ctx);
    if (sub == u"export")
        return exportRules(ctx);
    if (sub == u"lint")
        return lintRules(ctx);
    if (sub == u"usage")
        return limitUsage(ctx);
    return usageError(
        ctx,
        u"unknown command \"campaigns %1\" (expected import, export, lint or usage)"_s.arg(sub),
        u"campaigns"_s);
}

} // namespace remise::cli
