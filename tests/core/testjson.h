#pragma once

// JSON literals in tests: a parse failure is a mistake in the test itself, so it stops the run.

#include "json.h"

#include <QJsonObject>

namespace remise::test {

inline QJsonObject object(const char *text)
{
    const auto parsed = json::parseObject(QByteArray(text), QStringLiteral("test"));
    if (!parsed)
        qFatal("bad test JSON: %s", qPrintable(parsed.error().describe()));
    return *parsed;
}

} // namespace remise::test
