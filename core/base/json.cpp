#include "json.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::json {

namespace {

// Characters in UTF-8 text: every byte except continuation bytes (10xxxxxx) starts one.
qsizetype utf8Length(QByteArrayView bytes)
{
    return std::count_if(bytes.begin(), bytes.end(),
                         [](char c) { return (static_cast<uchar>(c) & 0xc0) != 0x80; });
}

// The byte offset of the character a parse error is about. QJsonParseError::offset is where the
// parser stopped: just past the offending token for structural errors, but on the offending byte
// for errors inside a number or a string, and for trailing garbage.
qsizetype errorOffset(const QJsonParseError &error)
{
    switch (error.error) {
    case QJsonParseError::IllegalNumber:
    case QJsonParseError::TerminationByNumber:
    case QJsonParseError::IllegalEscapeSequence:
    case QJsonParseError::IllegalUTF8String:
    case QJsonParseError::GarbageAtEnd:
        return error.offset;
    default:
        return std::max<qsizetype>(error.offset - 1, 0);
    }
}

} // namespace

Result<QJsonValue> parse(const QByteArray &bytes, const QString &what)
{
    QJsonParseError error;
    // QJsonDocument only accepts an array or an object at the top level, which is all Remise
    // reads; a bare scalar is refused as invalid JSON.
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // Report a line and column (1-based, in characters), which is what editors show.
        const QByteArrayView before =
            QByteArrayView(bytes).first(std::min<qsizetype>(errorOffset(error), bytes.size()));
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = utf8Length(before.sliced(before.lastIndexOf('\n') + 1)) + 1;
        return fail(errc::invalidJson, u"%1 is not valid JSON: %2 at line %3, column %4"_s
                                           .arg(what, error.errorString())
                                           .arg(line)
                                           .arg(column));
    }
    if (doc.isObject())
        return QJsonValue(doc.object());
    return QJsonValue(doc.array());
}

Result<QJsonObject> parseObject(const QByteArray &bytes, const QString &what)
{
    auto value = parse(bytes, what);
    if (!value)
        return fail(value.error());
    if (!value->isObject())
        return fail(errc::invalidJson,
                    u"%1 must be a JSON object, not %2"_s.arg(what, typeName(*value)), u"$"_s);
    return value->toObject();
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString at(const QString &path, QStringView key)
{
    return path + u'.' + key;
}

QString at(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString string(const QJsonObject &object, QStringView key)
{
    return object.value(key).toString();
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    // 2^63 is exactly representable; anything at or beyond it does not fit in qint64.
    return std::isfinite(d) && std::trunc(d) == d && d >= -9223372036854775808.0 &&
           d < 9223372036854775808.0;
}

std::optional<qint64> integer(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    if (!isInteger(value))
        return std::nullopt;
    return value.toInteger();
}

QJsonObject object(const QJsonObject &object, QStringView key)
{
    return object.value(key).toObject();
}

QJsonArray array(const QJsonObject &object, QStringView key)
{
    return object.value(key).toArray();
}

QMap<QString, QString> stringMap(const QJsonObject &object)
{
    QMap<QString, QString> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            out.insert(it.key(), v.toString());
        else if (v.isBool())
            out.insert(it.key(), v.toBool() ? u"true"_s : u"false"_s);
        else if (isInteger(v))
            out.insert(it.key(), QString::number(v.toInteger()));
        else if (v.isDouble())
            out.insert(it.key(),
                       QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
    }
    return out;
}

QJsonObject fromStringMap(const QMap<QString, QString> &map)
{
    QJsonObject out;
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

namespace {

// Pretty output puts an array or object on one line when the whole line, from the indent
// through the value and its comma, stays within this many characters.
constexpr qsizetype inlineLimit = 120;

void writeString(QByteArray &out, const QString &s)
{
    out += '"';
    qsizetype runStart = 0; // characters needing no escape are converted in runs, which keeps
                            // surrogate pairs together
    const auto flush = [&](qsizetype upTo) {
        if (upTo > runStart)
            out += QStringView(s).mid(runStart, upTo - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        const char *escape = nullptr;
        switch (u) {
        case u'"':
            escape = "\\\"";
            break;
        case u'\\':
            escape = "\\\\";
            break;
        case u'\n':
            escape = "\\n";
            break;
        case u'\r':
            escape = "\\r";
            break;
        case u'\t':
            escape = "\\t";
            break;
        case u'\b':
            escape = "\\b";
            break;
        case u'\f':
            escape = "\\f";
            break;
        default:
            break;
        }
        if (!escape && u >= 0x20)
            continue;
        flush(i);
        runStart = i + 1;
        if (escape) {
            out += escape;
        } else {
            out += "\\u00";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        }
    }
    flush(s.size());
    out += '"';
}

void writeNumber(QByteArray &out, const QJsonValue &value)
{
    const double d = value.toDouble();
    if (isInteger(value) && std::fabs(d) < 9007199254740992.0)
        out += QByteArray::number(value.toInteger());
    else if (std::isfinite(d))
        out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    else
        out += "null"; // JSON has no infinities
}

class Writer
{
public:
    Writer(Style style, const QStringList &keyOrder)
        : m_style(style)
        , m_keyOrder(keyOrder)
    {}

    /// `trailing`: the characters that will follow the value on its line (a comma).
    void write(QByteArray &out, const QJsonValue &value, int indent, int trailing = 0) const
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out += "null";
            return;
        case QJsonValue::Bool:
            out += value.toBool() ? "true" : "false";
            return;
        case QJsonValue::Double:
            writeNumber(out, value);
            return;
        case QJsonValue::String:
            writeString(out, value.toString());
            return;
        case QJsonValue::Array:
            writeArray(out, value.toArray(), indent, trailing);
            return;
        case QJsonValue::Object:
            writeObject(out, value.toObject(), indent, trailing);
            return;
        }
    }

private:
    QStringList orderedKeys(const QJsonObject &object) const
    {
        QStringList keys = object.keys(); // alphabetical
        if (m_keyOrder.isEmpty())
            return keys;
        std::stable_sort(keys.begin(), keys.end(), [this](const QString &a, const QString &b) {
            qsizetype ra = m_keyOrder.indexOf(a);
            qsizetype rb = m_keyOrder.indexOf(b);
            if (ra < 0)
                ra = m_keyOrder.size();
            if (rb < 0)
                rb = m_keyOrder.size();
            return ra < rb;
        });
        return keys;
    }

    bool tryInline(QByteArray &out, const QJsonValue &value, int trailing) const
    {
        if (m_style == Style::Compact)
            return false;
        QByteArray compact;
        Writer flat(Style::Compact, m_keyOrder);
        flat.m_spaced = true;
        flat.write(compact, value, 0);
        // The value starts after what is already on the line: the indent, and a key if any.
        const qsizetype column = utf8Length(QByteArrayView(out).sliced(out.lastIndexOf('\n') + 1));
        if (column + utf8Length(compact) + trailing > inlineLimit)
            return false;
        out += compact;
        return true;
    }

    void newline(QByteArray &out, int indent) const
    {
        out += '\n';
        out += QByteArray(indent, ' ');
    }

    void writeArray(QByteArray &out, const QJsonArray &array, int indent, int trailing) const
    {
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        if (m_style == Style::Pretty && tryInline(out, array, trailing))
            return;
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += m_spaced ? ", " : ",";
            if (m_style == Style::Pretty)
                newline(out, indent + 2);
            write(out, array.at(i), indent + 2, i + 1 < array.size() ? 1 : 0);
        }
        if (m_style == Style::Pretty)
            newline(out, indent);
        out += ']';
    }

    void writeObject(QByteArray &out, const QJsonObject &object, int indent, int trailing) const
    {
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        if (m_style == Style::Pretty && tryInline(out, object, trailing))
            return;
        out += '{';
        const QStringList keys = orderedKeys(object);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out += m_spaced ? ", " : ",";
            if (m_style == Style::Pretty)
                newline(out, indent + 2);
            writeString(out, keys.at(i));
            out += (m_style == Style::Pretty || m_spaced) ? ": " : ":";
            write(out, object.value(keys.at(i)), indent + 2, i + 1 < keys.size() ? 1 : 0);
        }
        if (m_style == Style::Pretty)
            newline(out, indent);
        out += '}';
    }

    Style m_style;
    const QStringList &m_keyOrder;
    bool m_spaced = false;
};

} // namespace

QByteArray write(const QJsonValue &value, Style style, const QStringList &keyOrder)
{
    QByteArray out;
    Writer(style, keyOrder).write(out, value, 0);
    if (style == Style::Pretty)
        out += '\n';
    return out;
}

} // namespace remise::json
