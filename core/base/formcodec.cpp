#include "formcodec.h"

#include "json.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::form {

namespace {

QString scalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        if (json::isInteger(value))
            return QString::number(value.toInteger());
        // The shortest text that reads back as the same double ("12.5", "0.1"), no exponent.
        return QString::number(value.toDouble(), 'f', QLocale::FloatingPointShortest);
    case QJsonValue::String:
        return value.toString();
    default:
        return {};
    }
}

void flattenInto(QList<Pair> &out, const QString &key, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out.append({key, QString()});
            return;
        }
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenInto(out, key + u'[' + it.key() + u']', it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out.append({key, QString()});
            return;
        }
        for (qsizetype i = 0; i < array.size(); ++i)
            flattenInto(out, key + u'[' + QString::number(i) + u']', array.at(i));
    } else {
        out.append({key, scalar(value)});
    }
}

QByteArray percent(const QString &s, const QByteArray &keep)
{
    return QUrl::toPercentEncoding(s, keep);
}

// A parsed key: the head name and the bracketed parts ("" for "[]").
struct KeyPath
{
    QString head;
    QStringList parts;
};

std::optional<KeyPath> splitKey(const QString &key)
{
    KeyPath path;
    const qsizetype open = key.indexOf(u'[');
    if (open < 0) {
        path.head = key;
        return key.isEmpty() ? std::nullopt : std::optional(path);
    }
    path.head = key.left(open);
    if (path.head.isEmpty())
        return std::nullopt;
    qsizetype i = open;
    while (i < key.size()) {
        if (key.at(i) != u'[')
            return std::nullopt;
        const qsizetype close = key.indexOf(u']', i);
        if (close < 0)
            return std::nullopt;
        path.parts.append(key.mid(i + 1, close - i - 1));
        i = close + 1;
    }
    return path;
}

thread_local quint64 comparisons = 0;

// The tree is built with a small node type first: QJsonObject's value semantics make deep
// in-place insertion awkward, and we need to tell "appended" arrays from indexed ones. Children
// are found through a hash, so n keys cost O(n) lookups, not n²/2 comparisons; the depth is
// bounded by maxDepth, so the recursions below (and the destructor's) are too.
struct Node
{
    enum Kind { Empty, Value, Map, List } kind = Empty;
    QString value;
    QList<std::pair<QString, Node>> map; // insertion order kept
    QHash<QString, qsizetype> index;     // name -> position in `map`
    QList<Node> list;

    Node *child(const QString &name)
    {
        ++comparisons;
        const auto found = index.constFind(name);
        if (found != index.constEnd())
            return &map[found.value()].second;
        index.insert(name, map.size());
        map.append({name, Node{}});
        return &map.last().second;
    }
};

bool isIndex(const QString &s)
{
    if (s.isEmpty() || s.size() > 6)
        return false;
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

Result<QJsonValue> toJson(const Node &node, const QString &name)
{
    switch (node.kind) {
    case Node::Empty:
    case Node::Value:
        return QJsonValue(node.value);
    case Node::List: {
        QJsonArray array;
        for (qsizetype i = 0; i < node.list.size(); ++i) {
            auto v = toJson(node.list.at(i), name + u'[' + QString::number(i) + u']');
            if (!v)
                return v;
            array.append(*v);
        }
        return QJsonValue(array);
    }
    case Node::Map: {
        // Indexed keys 0..n-1 make an array; any other mix of indices is refused.
        const bool allIndices = std::all_of(node.map.begin(), node.map.end(),
                                            [](const auto &kv) { return isIndex(kv.first); });
        if (allIndices) {
            QList<std::pair<int, const Node *>> items;
            for (const auto &[key, child] : node.map)
                items.append({key.toInt(), &child});
            std::sort(items.begin(), items.end(),
                      [](const auto &a, const auto &b) { return a.first < b.first; });
            QJsonArray array;
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (items.at(i).first != i)
                    return fail(errc::parameterInvalid,
                                u"Array indices must start at 0 and have no gaps."_s,
                                name + u'[' + QString::number(items.at(i).first) + u']');
                auto v = toJson(*items.at(i).second, name + u'[' + QString::number(i) + u']');
                if (!v)
                    return v;
                array.append(*v);
            }
            return QJsonValue(array);
        }
        // QJsonObject keeps its keys sorted: inserting them in order appends each one, where
        // any other order moves half the object per key.
        QList<const std::pair<QString, Node> *> sorted;
        sorted.reserve(node.map.size());
        for (const auto &entry : node.map)
            sorted.append(&entry);
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto *a, const auto *b) { return a->first < b->first; });
        QJsonObject object;
        for (const auto *entry : std::as_const(sorted)) {
            auto v = toJson(entry->second, name + u'[' + entry->first + u']');
            if (!v)
                return v;
            object.insert(entry->first, *v);
        }
        return QJsonValue(object);
    }
    }
    return QJsonValue();
}

} // namespace

QList<Pair> flatten(const QJsonObject &params)
{
    QList<Pair> out;
    for (auto it = params.begin(); it != params.end(); ++it)
        flattenInto(out, it.key(), it.value());
    return out;
}

QByteArray encode(const QList<Pair> &pairs)
{
    QByteArray body;
    for (const auto &[key, value] : pairs) {
        if (!body.isEmpty())
            body += '&';
        body += percent(key, "[]");
        body += '=';
        body += percent(value, {});
    }
    return body;
}

QByteArray encode(const QJsonObject &params)
{
    return encode(flatten(params));
}

QList<Pair> parsePairs(QByteArrayView body)
{
    QList<Pair> pairs;
    const auto decode = [](QByteArrayView part) {
        QByteArray bytes = part.toByteArray();
        bytes.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
    };
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView piece = body.sliced(start, end - start);
        start = end + 1;
        if (piece.isEmpty())
            continue;
        const qsizetype eq = piece.indexOf('=');
        if (eq < 0)
            pairs.append({decode(piece), QString()});
        else
            pairs.append({decode(piece.first(eq)), decode(piece.sliced(eq + 1))});
    }
    return pairs;
}

Result<QJsonObject> unflatten(const QList<Pair> &pairs)
{
    Node root;
    root.kind = Node::Map;
    for (const auto &[key, value] : pairs) {
        const auto path = splitKey(key);
        if (!path)
            return fail(errc::parameterInvalid, u"Malformed parameter name."_s, key);
        if (path->parts.size() > maxDepth) {
            QString shown = path->head;
            for (qsizetype i = 0; i < maxDepth; ++i)
                shown += u'[' + path->parts.at(i) + u']';
            return fail(errc::parameterInvalid,
                        u"Parameters nest at most %1 levels deep."_s.arg(maxDepth), shown);
        }
        Node *node = root.child(path->head);
        QString name = path->head;
        for (const QString &part : path->parts) {
            if (node->kind == Node::Value)
                return fail(errc::parameterInvalid,
                            u"Parameter is given both as a value and as an object."_s, name);
            if (part.isEmpty()) { // a[]: append
                if (node->kind == Node::Map)
                    return fail(errc::parameterInvalid,
                                u"Parameter mixes [] with named or indexed parts."_s, name);
                node->kind = Node::List;
                node->list.append(Node{});
                node = &node->list.last();
                name += u"[]"_s;
            } else {
                if (node->kind == Node::List)
                    return fail(errc::parameterInvalid,
                                u"Parameter mixes [] with named or indexed parts."_s, name);
                node->kind = Node::Map;
                node = node->child(part);
                name += u'[' + part + u']';
            }
        }
        if (node->kind == Node::Map || node->kind == Node::List)
            return fail(errc::parameterInvalid,
                        u"Parameter is given both as a value and as an object."_s, name);
        if (node->kind == Node::Value)
            return fail(errc::parameterInvalid, u"Parameter is given more than once."_s, name);
        node->kind = Node::Value;
        node->value = value;
    }
    QList<const std::pair<QString, Node> *> sorted; // in key order, as QJsonObject keeps them
    sorted.reserve(root.map.size());
    for (const auto &entry : root.map)
        sorted.append(&entry);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto *a, const auto *b) { return a->first < b->first; });
    QJsonObject out;
    for (const auto *entry : std::as_const(sorted)) {
        auto v = toJson(entry->second, entry->first);
        if (!v)
            return fail(v.error());
        out.insert(entry->first, *v);
    }
    return out;
}

quint64 detail::keyComparisons()
{
    return comparisons;
}

Result<QJsonObject> decode(QByteArrayView body)
{
    return unflatten(parsePairs(body));
}

} // namespace remise::form
