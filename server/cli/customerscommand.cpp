// remise-server customers import: profiles from CSV or JSON, merged into the stored ones.

#include "cli.h"
#include "customerfile.h"
#include "json.h"
#include "store.h"

#include <QCommandLineParser>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

/// The fields each CSV row sets: the columns present whose cell is not empty (an empty cell
/// keeps the stored value; docs/cli.md, "Imports merge").
Result<QList<CustomerPatch>> csvPatches(const QByteArray &bytes,
                                        const QList<CustomerProfile> &profiles)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const auto rows = customerfile::splitCsv(text);
    if (!rows)
        return fail(rows.error());
    QList<CustomerPatch> patches;
    const QStringList header = rows->value(0);
    for (qsizetype r = 1; r < rows->size() && r - 1 < profiles.size(); ++r) {
        CustomerPatch patch;
        patch.profile = profiles.at(r - 1);
        patch.fields = 0;
        const QStringList &row = rows->at(r);
        for (qsizetype c = 0; c < header.size() && c < row.size(); ++c) {
            if (row.at(c).trimmed().isEmpty())
                continue;
            const QString name = header.at(c).trimmed();
            const QString lower = name.toLower();
            if (lower == u"loyalty_tier")
                patch.fields |= CustomerPatch::LoyaltyTier;
            else if (lower == u"order_count")
                patch.fields |= CustomerPatch::OrderCount;
            else if (lower == u"tags")
                patch.fields |= CustomerPatch::Tags;
            else if (lower.startsWith(u"lifetime_spend.") || lower.startsWith(u"lifetime_spend_"))
                patch.spendCurrencies.append(lower.mid(15));
            else if (name.startsWith(u"metadata."_s))
                patch.metadataKeys.append(name.mid(9));
        }
        patches.append(patch);
    }
    return patches;
}

/// The fields each JSON profile sets: the keys present and not null.
Result<QList<CustomerPatch>>
jsonPatches(const QByteArray &bytes, const QList<CustomerProfile> &profiles, const QString &what)
{
    const auto document = json::parse(bytes, what);
    if (!document)
        return fail(document.error());
    QJsonArray items;
    if (document->isArray())
        items = document->toArray();
    else if (document->toObject().contains(u"customers"_s))
        items = document->toObject().value(u"customers").toArray();
    else
        items = QJsonArray{document->toObject()};
    QList<CustomerPatch> patches;
    for (qsizetype i = 0; i < items.size() && i < profiles.size(); ++i) {
        const QJsonObject object = items.at(i).toObject();
        const auto has = [&object](QStringView key) {
            return object.contains(key) && !object.value(key).isNull();
        };
        CustomerPatch patch;
        patch.profile = profiles.at(i);
        patch.fields = (has(u"loyalty_tier") ? CustomerPatch::LoyaltyTier : 0) |
                       (has(u"order_count") ? CustomerPatch::OrderCount : 0) |
                       (has(u"tags") ? CustomerPatch::Tags : 0) |
                       (has(u"lifetime_spend") ? CustomerPatch::LifetimeSpend : 0) |
                       (has(u"metadata") ? CustomerPatch::Metadata : 0);
        patches.append(patch);
    }
    return patches;
}

int importProfiles(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption formatOption(
        u"format"_s, u"csv or json (default: from the file name; \"-\": from the content)."_s,
        u"FORMAT"_s);
    const QCommandLineOption replaceOption(
        u"replace"_s, u"Replace whole profiles: fields the file leaves out are cleared."_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s,
                                          u"Report what would change; write nothing."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the report as JSON."_s);
    parser.addOptions({formatOption, replaceOption, dryRunOption, jsonOption});
    parser.addPositionalArgument(
        u"FILE"_s,
        u"Profiles: CSV, or JSON (an array, or {\"customers\": [...]}); \"-\": stdin."_s);
    if (auto stop =
            parseArguments(ctx, parser, u"customers import"_s,
                           u"FILE [--format csv|json] [--replace] [--dry-run] [--json]"_s, 1, 1))
        return *stop;
    const QString path = parser.positionalArguments().first();
    const QString what = path == u"-" ? u"<stdin>"_s : path;
    QString format = parser.value(formatOption).toLower();
    if (!format.isEmpty() && format != u"csv" && format != u"json")
        return usageError(ctx, u"--format must be csv or json, not \"%1\""_s.arg(format),
                          u"customers import"_s);

    const auto bytes = readFile(ctx, path);
    if (!bytes)
        return report(ctx, bytes.error());
    if (format.isEmpty()) {
        if (path == u"-") {
            const QByteArray start = bytes->trimmed().left(1);
            format = start == "[" || start == "{" ? u"json"_s : u"csv"_s;
        } else {
            format = path.endsWith(u".csv"_s, Qt::CaseInsensitive) ? u"csv"_s : u"json"_s;
        }
    }
    // The whole file is validated before the database is touched: all or nothing.
    const bool csv = format == u"csv";
    const auto profiles =
        csv ? customerfile::parseCsv(*bytes, what) : customerfile::parseJson(*bytes, what);
    if (!profiles)
        return report(ctx, profiles.error());
    auto patches = csv ? csvPatches(*bytes, *profiles) : jsonPatches(*bytes, *profiles, what);
    if (!patches)
        return report(ctx, patches.error());
    if (parser.isSet(replaceOption))
        for (CustomerPatch &patch : *patches)
            patch.fields = CustomerPatch::All;

    auto store = openStore(ctx, parser.isSet(dryRunOption) ? OpenMode::Existing : OpenMode::Create);
    if (!store)
        return report(ctx, store.error());
    const auto result = (*store)->mergeCustomers(*patches, parser.isSet(dryRunOption));
    if (!result)
        return report(ctx, result.error());

    if (parser.isSet(jsonOption)) {
        ctx.out << QString::fromUtf8(json::write(
                       result->toJson({u"customer"_s}), json::Style::Pretty,
                       {u"dry_run"_s, u"customers"_s, u"created"_s, u"changed"_s, u"unchanged"_s,
                        u"removed"_s, u"changes"_s, u"type"_s, u"id"_s, u"change"_s, u"fields"_s}))
                << Qt::flush;
        return Ok;
    }
    using Kind = ImportChange::Kind;
    const QString type = u"customer"_s;
    ctx.out << (result->dryRun ? "Would import " : "Imported ")
            << plural(profiles->size(), u"customer profile"_s) << " from " << what << ": "
            << result->count(type, Kind::Created) << " created, "
            << result->count(type, Kind::Changed) << " changed, "
            << result->count(type, Kind::Unchanged) << " unchanged, "
            << result->count(type, Kind::Removed) << " removed." << Qt::endl;
    if (ctx.verbose || result->dryRun)
        for (const ImportChange &c : result->changes)
            if (c.kind == Kind::Changed)
                ctx.out << "  changed " << c.id << ": " << c.fields.join(u", "_s) << Qt::endl;
    return Ok;
}

} // namespace

int customers(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    if (sub != u"import")
        return usageError(ctx, u"unknown command \"customers %1\" (expected import)"_s.arg(sub),
                          u"customers"_s);
    ctx.arguments = ctx.arguments.mid(1);
    return importProfiles(ctx);
}

} // namespace remise::cli
