// remise-server campaigns import|export|lint

#include "campaignfile.h"
#include "cli.h"
#include "clock.h"
#include "json.h"
#include "lint.h"
#include "store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

int importRules(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"The database."_s, u"PATH"_s);
    parser.addOption(dbOption);
    parser.addPositionalArgument(u"FILE"_s, u"A remise/1 file."_s);
    if (auto stop = parseArguments(ctx, parser, u"campaigns import"_s, u"FILE [--db PATH]"_s, 1, 1))
        return *stop;
    const QString path = parser.positionalArguments().first();
    // Validate the whole file before touching the database: all or nothing.
    auto rules = campaignfile::load(path);
    if (!rules)
        return report(ctx, rules.error());
    auto store = openStore(ctx, databasePath(parser.value(dbOption)));
    if (!store)
        return report(ctx, store.error());
    if (auto saved = (*store)->replaceRules(*rules); !saved)
        return report(ctx, saved.error());
    for (const lint::Finding &finding : lint::run(*rules, ctx.clock.nowMs()))
        if (finding.severity == lint::Finding::Severity::Warning)
            ctx.err << finding.format() << Qt::endl;
    ctx.out << "Imported " << rules->segments.size() << " segments and " << rules->campaigns.size()
            << " campaigns from " << path << Qt::endl;
    return Ok;
}

int exportRules(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"The database."_s, u"PATH"_s);
    parser.addOption(dbOption);
    parser.addPositionalArgument(u"FILE"_s, u"Where to write (standard output when left out)."_s);
    if (auto stop =
            parseArguments(ctx, parser, u"campaigns export"_s, u"[FILE] [--db PATH]"_s, 0, 1))
        return *stop;
    auto store = openStore(ctx, databasePath(parser.value(dbOption)));
    if (!store)
        return report(ctx, store.error());
    auto rules = (*store)->loadRules();
    if (!rules)
        return report(ctx, rules.error());
    const QByteArray bytes = campaignfile::write(*rules);
    if (parser.positionalArguments().isEmpty()) {
        ctx.out << QString::fromUtf8(bytes) << Qt::flush;
        return Ok;
    }
    // QSaveFile: the file is replaced whole or not at all.
    const QString path = parser.positionalArguments().first();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return report(
            ctx, Error{errc::io, u"cannot write %1: %2"_s.arg(path, file.errorString()), {}, {}});
    ctx.err << "Exported " << rules->segments.size() << " segments and " << rules->campaigns.size()
            << " campaigns to " << path << Qt::endl;
    return Ok;
}

int lintRules(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption nowOption(u"now"_s, u"Lint as of this time (ISO 8601 with offset)."_s,
                                       u"ISO8601"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the findings as JSON."_s);
    parser.addOptions({nowOption, jsonOption});
    parser.addPositionalArgument(u"FILE"_s, u"A remise/1 file."_s);
    if (auto stop = parseArguments(ctx, parser, u"campaigns lint"_s,
                                   u"FILE [--now ISO8601] [--json]"_s, 1, 1))
        return *stop;
    const auto now = parseNow(parser.value(nowOption), ctx.clock);
    if (!now)
        return usageError(ctx, now.error().message, u"campaigns lint"_s);
    auto rules = campaignfile::load(parser.positionalArguments().first());
    if (!rules)
        return report(ctx, rules.error(), Usage);
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
        for (const lint::Finding &f : findings)
            ctx.out << f.format() << Qt::endl;
        if (findings.isEmpty())
            ctx.out << "No problems found in " << rules->campaigns.size() << " campaigns and "
                    << rules->segments.size() << " segments." << Qt::endl;
    }
    return warnings ? Failed : Ok;
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
    return usageError(
        ctx,
        sub.isEmpty()
            ? u"campaigns needs a subcommand: import, export or lint"_s
            : u"unknown subcommand \"campaigns %1\" (expected import, export or lint)"_s.arg(sub),
        QString());
}

} // namespace remise::cli
