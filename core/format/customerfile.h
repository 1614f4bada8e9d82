#pragma once

#include "customer.h"
#include "result.h"

#include <QJsonObject>
#include <QList>

/// Customer profile files for `remise-server customers import`: JSON or CSV.
namespace remise::customerfile {

/// One profile object: {id, email, loyalty_tier, order_count, lifetime_spend, tags, metadata}.
/// Strict: unknown keys, wrong types, impossible values are errors with their JSON path. A
/// profile needs a Stripe customer id (cus_…) or an email.
Result<CustomerProfile> profileFromJson(const QJsonObject &object,
                                        const QString &path = QStringLiteral("$"));
QJsonObject profileToJson(const CustomerProfile &profile);

/// A JSON array of profiles, an object {"customers": [...]}, or a single profile object.
Result<QList<CustomerProfile>> parseJson(const QByteArray &bytes, const QString &what);

/// CSV (RFC 4180) with a header row. Columns: `id` (or `customer_id`), `email`,
/// `loyalty_tier`, `order_count`, `lifetime_spend.<currency>` (or `lifetime_spend_<currency>`),
/// `tags` (separated by ";"), `metadata.<key>`. Errors name the line and the column.
Result<QList<CustomerProfile>> parseCsv(const QByteArray &bytes, const QString &what);

/// Reads a file: CSV when its name ends in .csv, JSON otherwise. Duplicate ids or emails
/// within one file are errors. All or nothing.
Result<QList<CustomerProfile>> load(const QString &filePath);

/// Splits CSV text into rows of fields (quotes, doubled quotes, embedded commas and line
/// breaks); `lineOfRow` receives the 1-based line where each row starts.
Result<QList<QStringList>> splitCsv(const QString &text, QList<int> *lineOfRow = nullptr);

} // namespace remise::customerfile
