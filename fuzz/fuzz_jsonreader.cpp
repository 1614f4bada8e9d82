// The JSON reader against QJsonDocument: whatever the reader accepts, QJsonDocument accepts too
// and reads the same values (numbers to the last bit but one: QJsonDocument does not always round
// long decimals correctly, the reader's std::from_chars does); the accessors never crash on what
// was accepted.

#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace remise;

namespace {

bool same(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    if (a.isDouble()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x == y || std::abs(x - y) <= 4e-16 * std::max(std::abs(x), std::abs(y));
    }
    if (a.isArray()) {
        const QJsonArray l = a.toArray();
        const QJsonArray r = b.toArray();
        if (l.size() != r.size())
            return false;
        for (qsizetype i = 0; i < l.size(); ++i)
            if (!same(l.at(i), r.at(i)))
                return false;
        return true;
    }
    if (a.isObject()) {
        const QJsonObject l = a.toObject();
        const QJsonObject r = b.toObject();
        if (l.keys() != r.keys())
            return false;
        for (auto it = l.begin(); it != l.end(); ++it)
            if (!same(it.value(), r.value(it.key())))
                return false;
        return true;
    }
    return a == b;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto reader = json::Reader::parse(bytes);
    if (!reader)
        return 0;
    const json::View root = reader->root();
    (void)root.stringMap();
    for (const json::View &v : root.elements()) {
        (void)v.toString();
        (void)v.toInteger();
        (void)v.toDouble();
        (void)v.string("id");
    }
    if (!root.isObject() && !root.isArray())
        return 0; // QJsonDocument reads only these at the top
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        std::abort(); // accepted what QJsonDocument refuses
    const QJsonValue expected =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    if (!same(root.toJsonValue(), expected))
        std::abort(); // read other values
    return 0;
}
