#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>
#include <string_view>
#include <vector>

/// A fast reader for JSON that is read and not changed: Stripe's answers on the service's hot
/// path. QJsonDocument builds a tree of containers and converts every string to UTF-16 as it
/// parses; a JsonReader checks the whole text (RFC 8259, UTF-8) once and records where each value
/// is, and converts only the strings that are read. Reading a Checkout Session this way costs a
/// fraction of QJsonDocument::fromJson (docs/performance.md).
namespace remise::json {

namespace detail {
/// Where a value is in a Reader's text (internal to View and Reader).
struct Node
{
    quint32 begin = 0;    ///< offset of the value's first byte (a string's opening quote)
    quint32 length = 0;   ///< bytes of a scalar, quotes included
    quint32 after = 0;    ///< index of the node after this value and everything inside it
    quint8 type = 0;      ///< a View::Type
    bool escaped = false; ///< a string holding backslash escapes
    bool decimal = false; ///< a number with a fraction or an exponent
};
} // namespace detail

class Reader;

/// A value in a Reader's text: a small handle, valid while the Reader lives. Reading what is not
/// there (a missing key, a value of another type) gives Missing, a null string or nullopt, never
/// an error: these are the tolerant accessors of json.h for objects read from outside.
class View
{
public:
    enum class Type : quint8 { Missing, Null, Bool, Number, String, Array, Object };

    View() = default;

    Type type() const { return m_node ? Type(m_node->type) : Type::Missing; }
    bool isMissing() const { return type() == Type::Missing; }
    bool isNull() const { return type() == Type::Null; }
    bool isString() const { return type() == Type::String; }
    bool isNumber() const { return type() == Type::Number; }
    bool isBool() const { return type() == Type::Bool; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    /// An object's member (the last one when a key repeats, as QJsonDocument keeps); Missing for
    /// other values.
    View value(std::string_view key) const;
    /// value(key) when it is an object (or an array), else Missing.
    View object(std::string_view key) const;
    View array(std::string_view key) const;
    /// value(key) as a string, an exact integer, a boolean; see toString() etc.
    QString string(std::string_view key) const { return value(key).toString(); }
    std::optional<qint64> integer(std::string_view key) const { return value(key).toInteger(); }

    /// The text of a string, a null QString for other values.
    QString toString() const;
    /// A number with an integral value that fits in qint64 (1, 1.0, 1e3), else nullopt.
    std::optional<qint64> toInteger() const;
    /// A number as a double, else nullopt.
    std::optional<double> toDouble() const;
    /// true only for the literal true.
    bool toBool() const;

    /// True for an empty array or object, and for any other value (it holds nothing); costs
    /// nothing, unlike elements().isEmpty().
    bool isEmpty() const
    {
        return (!isArray() && !isObject()) || m_node->after == quint32(m_node - m_nodes) + 1;
    }
    /// An array's elements, or an object's member values; empty for other values.
    QList<View> elements() const;
    /// An object's members as (key, value), in text order; empty for other values.
    QList<std::pair<QString, View>> members() const;
    /// Stripe metadata as json::stringMap() reads it: strings kept, numbers and booleans written
    /// as text, other values skipped.
    QMap<QString, QString> stringMap() const;

    /// The same value as QJsonDocument would give (Missing reads as undefined).
    QJsonValue toJsonValue() const;

private:
    friend class Reader;
    using Node = detail::Node;
    View(const Node *node, const Node *nodes, const char *text)
        : m_node(node)
        , m_nodes(nodes)
        , m_text(text)
    {}
    View at(quint32 index) const { return View(m_nodes + index, m_nodes, m_text); }
    bool keyEquals(std::string_view key) const;
    std::string_view raw() const { return {m_text + m_node->begin, m_node->length}; }

    const Node *m_node = nullptr;
    const Node *m_nodes = nullptr;
    const char *m_text = nullptr;
};

class Reader
{
public:
    /// Checks `bytes` and records its values. Refuses what is not strict JSON (RFC 8259: one
    /// value, no comments or trailing commas, strings in valid UTF-8 without raw control
    /// characters), numbers beyond a double's range, and nesting deeper than `maxDepth` (1024
    /// as QJsonDocument), with an invalid_json error naming the byte offset. Whatever it
    /// accepts, QJsonDocument reads the same (fuzz/fuzz_jsonreader.cpp checks it).
    static Result<Reader> parse(QByteArray bytes, int maxDepth = 1024);

    /// The top-level value.
    View root() const { return View(m_nodes.data(), m_nodes.data(), m_bytes.constData()); }

private:
    Reader() = default;
    QByteArray m_bytes;
    std::vector<detail::Node> m_nodes;
};

} // namespace remise::json
