#include "jsonreader.h"

#include "json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace remise::json {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The length of the UTF-8 sequence starting at `p` (at most `left` bytes), or 0 when it is not
// valid UTF-8: overlong forms, surrogates and code points past U+10FFFF are refused.
int utf8Sequence(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    int length = 0;
    unsigned min = 0;
    unsigned code = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2, min = 0x80, code = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3, min = 0x800, code = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4, min = 0x10000, code = c & 0x07;
    } else {
        return 0;
    }
    if (left < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        code = (code << 6) | (p[i] & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return 0;
    return length;
}

class Parser
{
public:
    Parser(const QByteArray &bytes, std::vector<detail::Node> &nodes, int maxDepth)
        : m_text(bytes.constData())
        , m_end(bytes.size())
        , m_nodes(nodes)
        , m_maxDepth(maxDepth)
    {}

    // Parses the whole text; on failure, m_error says why and m_pos where.
    bool run()
    {
        skipSpace();
        if (!value())
            return false;
        skipSpace();
        if (m_pos != m_end)
            return failAt(u"unexpected text after the value"_s);
        return true;
    }

    QString error() const { return m_error; }
    qsizetype position() const { return m_pos; }

private:
    using Type = View::Type;

    bool failAt(const QString &why)
    {
        m_error = why;
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_end && isSpace(m_text[m_pos]))
            ++m_pos;
    }

    quint32 add(Type type, qsizetype begin)
    {
        detail::Node node;
        node.type = quint8(type);
        node.begin = quint32(begin);
        m_nodes.push_back(node);
        return quint32(m_nodes.size() - 1);
    }

    // The value at m_pos (no space before it), containers iteratively: `open` holds the nodes
    // of the containers entered and not yet closed.
    bool value()
    {
        std::vector<quint32> open;
        for (;;) {
            if (m_pos >= m_end)
                return failAt(u"the text ends where a value was expected"_s);
            const char c = m_text[m_pos];
            if (c == '{' || c == '[') {
                if (qsizetype(open.size()) >= m_maxDepth)
                    return failAt(u"values nest deeper than %1 levels"_s.arg(m_maxDepth));
                open.push_back(add(c == '{' ? Type::Object : Type::Array, m_pos));
                ++m_pos;
                skipSpace();
                const char close = c == '{' ? '}' : ']';
                if (m_pos < m_end && m_text[m_pos] == close) {
                    ++m_pos;
                    m_nodes[open.back()].after = quint32(m_nodes.size());
                    open.pop_back();
                } else if (c == '{') {
                    if (!key())
                        return false;
                    continue;
                } else {
                    continue; // the first element
                }
            } else if (!scalar()) {
                return false;
            }
            // After a value: close the containers it ends, or go on to the next element.
            for (;;) {
                if (open.empty())
                    return true;
                skipSpace();
                if (m_pos >= m_end)
                    return failAt(u"the text ends inside an object or an array"_s);
                const bool inObject = Type(m_nodes[open.back()].type) == Type::Object;
                const char next = m_text[m_pos];
                if (next == ',') {
                    ++m_pos;
                    skipSpace();
                    if (inObject && !key())
                        return false;
                    break;
                }
                if (next != (inObject ? '}' : ']'))
                    return failAt(inObject ? u"expected , or } in an object"_s
                                           : u"expected , or ] in an array"_s);
                ++m_pos;
                m_nodes[open.back()].after = quint32(m_nodes.size());
                open.pop_back();
            }
        }
    }

    // A member's key and its colon; leaves m_pos on the value.
    bool key()
    {
        if (m_pos >= m_end || m_text[m_pos] != '"')
            return failAt(u"expected a key (a string) in an object"_s);
        if (!string())
            return false;
        skipSpace();
        if (m_pos >= m_end || m_text[m_pos] != ':')
            return failAt(u"expected : after a key"_s);
        ++m_pos;
        skipSpace();
        return true;
    }

    bool scalar()
    {
        const char c = m_text[m_pos];
        if (c == '"')
            return string();
        if (c == '-' || isDigit(c))
            return number();
        for (const auto &[word, type] : {std::pair{std::string_view("true"), Type::Bool},
                                         {std::string_view("false"), Type::Bool},
                                         {std::string_view("null"), Type::Null}}) {
            if (std::string_view(m_text + m_pos, size_t(m_end - m_pos)).starts_with(word)) {
                const quint32 index = add(type, m_pos);
                m_nodes[index].length = quint32(word.size());
                m_nodes[index].after = index + 1;
                m_pos += qsizetype(word.size());
                return true;
            }
        }
        return failAt(u"unexpected character where a value was expected"_s);
    }

    bool string()
    {
        const qsizetype begin = m_pos++;
        bool escaped = false;
        for (;;) {
            if (m_pos >= m_end)
                return failAt(u"the text ends inside a string"_s);
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"')
                break;
            if (c < 0x20)
                return failAt(u"a control character in a string must be escaped"_s);
            if (c == '\\') {
                escaped = true;
                if (m_pos + 1 >= m_end)
                    return failAt(u"the text ends inside a string"_s);
                const char e = m_text[m_pos + 1];
                if (e == 'u') {
                    if (m_pos + 6 > m_end)
                        return failAt(u"the text ends inside a \\u escape"_s);
                    for (int i = 2; i < 6; ++i)
                        if (hexValue(m_text[m_pos + i]) < 0)
                            return failAt(u"a \\u escape needs four hexadecimal digits"_s);
                    m_pos += 6;
                } else if (std::string_view("\"\\/bfnrt").find(e) != std::string_view::npos) {
                    m_pos += 2;
                } else {
                    return failAt(u"unknown escape sequence in a string"_s);
                }
            } else if (c < 0x80) {
                ++m_pos;
            } else {
                const int length = utf8Sequence(
                    reinterpret_cast<const unsigned char *>(m_text + m_pos), m_end - m_pos);
                if (length == 0)
                    return failAt(u"a string is not valid UTF-8"_s);
                m_pos += length;
            }
        }
        ++m_pos; // the closing quote
        const quint32 index = add(Type::String, begin);
        m_nodes[index].length = quint32(m_pos - begin);
        m_nodes[index].escaped = escaped;
        m_nodes[index].after = index + 1;
        return true;
    }

    bool number()
    {
        const qsizetype begin = m_pos;
        const auto digits = [this] {
            const qsizetype start = m_pos;
            while (m_pos < m_end && isDigit(m_text[m_pos]))
                ++m_pos;
            return m_pos - start;
        };
        if (m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_end && m_text[m_pos] == '0') {
            ++m_pos;
            if (m_pos < m_end && isDigit(m_text[m_pos]))
                return failAt(u"a number cannot start with 0"_s);
        } else if (digits() == 0) {
            return failAt(u"a number needs digits"_s);
        }
        bool decimal = false;
        if (m_pos < m_end && m_text[m_pos] == '.') {
            ++m_pos;
            decimal = true;
            if (digits() == 0)
                return failAt(u"a number needs digits after its decimal point"_s);
        }
        if (m_pos < m_end && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            decimal = true;
            if (m_pos < m_end && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return failAt(u"a number needs digits in its exponent"_s);
        }
        // As QJsonDocument: a number beyond a double's range (1e400, 1e-400) is refused.
        if (decimal || m_pos - begin > 18) {
            double d = 0;
            if (std::from_chars(m_text + begin, m_text + m_pos, d).ec != std::errc())
                return failAt(u"a number is out of range"_s);
        }
        const quint32 index = add(Type::Number, begin);
        m_nodes[index].length = quint32(m_pos - begin);
        m_nodes[index].decimal = decimal;
        m_nodes[index].after = index + 1;
        return true;
    }

    const char *m_text;
    qsizetype m_end;
    qsizetype m_pos = 0;
    std::vector<detail::Node> &m_nodes;
    int m_maxDepth;
    QString m_error;
};

// The text of a string node, its quotes excluded, with escapes resolved.
QString decode(std::string_view quoted, bool escaped)
{
    const std::string_view body = quoted.substr(1, quoted.size() - 2);
    if (!escaped)
        return QString::fromUtf8(body.data(), qsizetype(body.size()));
    QString out;
    out.reserve(qsizetype(body.size()));
    size_t i = 0;
    while (i < body.size()) {
        const size_t slash = body.find('\\', i);
        const size_t run = (slash == std::string_view::npos ? body.size() : slash) - i;
        out += QString::fromUtf8(body.data() + i, qsizetype(run));
        i += run;
        if (i >= body.size())
            break;
        const char e = body[i + 1];
        switch (e) {
        case 'b':
            out += u'\b';
            break;
        case 'f':
            out += u'\f';
            break;
        case 'n':
            out += u'\n';
            break;
        case 'r':
            out += u'\r';
            break;
        case 't':
            out += u'\t';
            break;
        case 'u': {
            char16_t unit = 0;
            for (size_t k = 2; k < 6; ++k)
                unit = char16_t(unit * 16 + hexValue(body[i + k]));
            out += QChar(unit);
            i += 6;
            continue;
        }
        default:
            out += QLatin1Char(e);
            break; // " \ /
        }
        i += 2;
    }
    return out;
}

} // namespace

Result<Reader> Reader::parse(QByteArray bytes, int maxDepth)
{
    Reader reader;
    if (bytes.size() >= qsizetype(std::numeric_limits<quint32>::max()))
        return fail(errc::invalidJson,
                    u"the JSON text is too large (%1 bytes)"_s.arg(bytes.size()));
    reader.m_bytes = std::move(bytes);
    reader.m_nodes.reserve(size_t(reader.m_bytes.size() / 8 + 4));
    Parser parser(reader.m_bytes, reader.m_nodes, maxDepth);
    if (!parser.run())
        return fail(errc::invalidJson,
                    u"not valid JSON: %1 at byte %2"_s.arg(parser.error()).arg(parser.position()));
    return reader;
}

bool View::keyEquals(std::string_view key) const
{
    if (!m_node->escaped) {
        const std::string_view text = raw();
        return text.size() == key.size() + 2 && text.substr(1, key.size()) == key;
    }
    return decode(raw(), true) == QString::fromUtf8(key.data(), qsizetype(key.size()));
}

View View::value(std::string_view key) const
{
    if (type() != Type::Object)
        return {};
    View found;
    const quint32 end = m_node->after;
    for (quint32 i = quint32(m_node - m_nodes) + 1; i < end;) {
        const View name = at(i);
        const View member = at(i + 1);
        if (name.keyEquals(key))
            found = member; // the last one wins, as in QJsonDocument
        i = member.m_node->after;
    }
    return found;
}

View View::object(std::string_view key) const
{
    const View v = value(key);
    return v.isObject() ? v : View();
}

View View::array(std::string_view key) const
{
    const View v = value(key);
    return v.isArray() ? v : View();
}

QString View::toString() const
{
    if (type() != Type::String)
        return {};
    return decode(raw(), m_node->escaped);
}

std::optional<double> View::toDouble() const
{
    if (type() != Type::Number)
        return std::nullopt;
    const std::string_view text = raw();
    double d = 0;
    std::from_chars(text.data(), text.data() + text.size(), d); // in range: checked by parse()
    return d;
}

std::optional<qint64> View::toInteger() const
{
    if (type() != Type::Number)
        return std::nullopt;
    const std::string_view text = raw();
    if (!m_node->decimal) {
        qint64 n = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (error == std::errc() && end == text.data() + text.size())
            return n;
    }
    const double d = *toDouble();
    // 2^63 is exactly representable; anything at or beyond it does not fit in qint64.
    if (std::isfinite(d) && std::trunc(d) == d && d >= -9223372036854775808.0 &&
        d < 9223372036854775808.0)
        return qint64(d);
    return std::nullopt;
}

bool View::toBool() const
{
    return type() == Type::Bool && m_text[m_node->begin] == 't';
}

QList<View> View::elements() const
{
    QList<View> out;
    if (type() != Type::Array && type() != Type::Object)
        return out;
    const bool object = type() == Type::Object;
    const quint32 end = m_node->after;
    for (quint32 i = quint32(m_node - m_nodes) + 1; i < end;) {
        const View element = at(object ? i + 1 : i);
        out.append(element);
        i = element.m_node->after;
    }
    return out;
}

QList<std::pair<QString, View>> View::members() const
{
    QList<std::pair<QString, View>> out;
    if (type() != Type::Object)
        return out;
    const quint32 end = m_node->after;
    for (quint32 i = quint32(m_node - m_nodes) + 1; i < end;) {
        const View member = at(i + 1);
        out.append({at(i).toString(), member});
        i = member.m_node->after;
    }
    return out;
}

QMap<QString, QString> View::stringMap() const
{
    QMap<QString, QString> out;
    for (const auto &[key, v] : members()) {
        if (v.isString())
            out.insert(key, v.toString());
        else if (v.isBool())
            out.insert(key, v.toBool() ? u"true"_s : u"false"_s);
        else if (const auto n = v.toInteger())
            out.insert(key, QString::number(*n));
        else if (v.isNumber())
            out.insert(key, QString::number(*v.toDouble(), 'g', QLocale::FloatingPointShortest));
    }
    return out;
}

QJsonValue View::toJsonValue() const
{
    switch (type()) {
    case Type::Missing:
        return QJsonValue(QJsonValue::Undefined);
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return toBool();
    case Type::String:
        return toString();
    case Type::Number: {
        if (!m_node->decimal) {
            qint64 n = 0;
            const std::string_view text = raw();
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (error == std::errc() && end == text.data() + text.size())
                return n;
        }
        return *toDouble();
    }
    case Type::Array: {
        QJsonArray array;
        for (const View &v : elements())
            array.append(v.toJsonValue());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const auto &[key, v] : members())
            object.insert(key, v.toJsonValue());
        return object;
    }
    }
    return {};
}

} // namespace remise::json
