#pragma once

#include "customer.h"
#include "result.h"
#include "store.h"

#include <QByteArray>
#include <QList>

/// Reading a customer import file as merge patches, shared by `remise-server customers import`
/// and the desktop app's Customers page so the two never disagree (docs/cli.md, "Imports
/// merge"): each profile with only the fields the file sets.
namespace remise::customerimport {

enum class Format { Csv, Json };

/// CSV when the file name ends in .csv, JSON otherwise; for "-" (standard input), from the
/// content (JSON when it starts with '[' or '{').
Format guessFormat(const QString &path, const QByteArray &bytes);

/// Validates the whole file (customerfile::parseCsv / parseJson: all or nothing), then gives
/// one patch per profile: a CSV row sets the columns whose cell is not empty, a JSON profile
/// the keys present and not null. With `replace`, every patch sets every field.
Result<QList<CustomerPatch>> readPatches(const QByteArray &bytes, Format format,
                                         const QString &what, bool replace = false);

} // namespace remise::customerimport
