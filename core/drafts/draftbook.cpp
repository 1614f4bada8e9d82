#include "draftbook.h"

#include "campaignfile.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::drafts {

QString kindName(DraftItem::Kind kind)
{
    return kind == DraftItem::Kind::Campaign ? u"campaign"_s : u"segment"_s;
}

QList<Error> problems(const Error &error)
{
    if (error.details.empty())
        return {error};
    return QList<Error>(error.details.begin(), error.details.end());
}

DraftBook::DraftBook(CampaignSet live, QString revision, QList<DraftItem> items)
    : m_live(std::move(live))
    , m_revision(std::move(revision))
    , m_items(std::move(items))
{}

Result<DraftBook> DraftBook::load(Store &store)
{
    // The revision first: if the rules change between the two reads, the older revision makes
    // a later publish fail safely rather than overwrite the newer rules.
    auto revision = store.rulesRevision();
    if (!revision)
        return fail(revision.error());
    auto live = store.loadRules();
    if (!live)
        return fail(live.error());
    auto items = store.draftItems();
    if (!items)
        return fail(items.error());
    return DraftBook(std::move(*live), std::move(*revision), std::move(*items));
}

const DraftItem *DraftBook::item(DraftItem::Kind kind, const QString &key) const
{
    for (const DraftItem &i : m_items)
        if (i.kind == kind && i.key == key)
            return &i;
    return nullptr;
}

std::optional<QJsonObject> DraftBook::liveObject(DraftItem::Kind kind, const QString &id) const
{
    if (kind == DraftItem::Kind::Campaign) {
        if (const Campaign *c = m_live.campaign(id))
            return campaignfile::campaignToJson(*c);
    } else if (const Segment *s = m_live.segment(id)) {
        return campaignfile::segmentToJson(*s);
    }
    return std::nullopt;
}

bool DraftBook::hasChanges() const
{
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const DraftItem &i) { return i.saved || i.deleted; });
}

QJsonArray DraftBook::composed(DraftItem::Kind kind, bool withWorking, QStringList *keys) const
{
    const auto content = [withWorking](const DraftItem &i) -> std::optional<QJsonObject> {
        if (withWorking && i.working)
            return i.working;
        return i.saved;
    };
    QJsonArray out;
    QSet<QString> used;
    const auto add = [&](const QString &liveId, const QJsonObject &liveJson) {
        const DraftItem *edit = item(kind, liveId);
        if (edit)
            used.insert(liveId);
        if (edit && edit->deleted)
            return;
        const auto edited = edit ? content(*edit) : std::nullopt;
        out.append(edited ? *edited : liveJson);
        keys->append(liveId);
    };
    if (kind == DraftItem::Kind::Campaign) {
        for (const Campaign &c : m_live.campaigns)
            add(c.id, campaignfile::campaignToJson(c));
    } else {
        for (const Segment &s : m_live.segments)
            add(s.id, campaignfile::segmentToJson(s));
    }
    // New items (and items whose live original disappeared meanwhile), in draft order.
    for (const DraftItem &i : m_items) {
        if (i.kind != kind || used.contains(i.key) || i.deleted)
            continue;
        if (const auto edited = content(i)) {
            out.append(*edited);
            keys->append(i.key);
        }
    }
    return out;
}

QJsonObject DraftBook::document(bool withWorking) const
{
    QStringList keys;
    QJsonObject doc{{u"format"_s, campaignfile::formatName}};
    doc.insert(u"segments"_s, composed(DraftItem::Kind::Segment, withWorking, &keys));
    doc.insert(u"campaigns"_s, composed(DraftItem::Kind::Campaign, withWorking, &keys));
    return doc;
}

QString DraftBook::pathOf(DraftItem::Kind kind, const QString &key, bool withWorking) const
{
    QStringList keys;
    composed(kind, withWorking, &keys);
    const qsizetype index = keys.indexOf(key);
    if (index < 0)
        return {};
    return u"$.%1[%2]"_s.arg(kind == DraftItem::Kind::Campaign ? u"campaigns"_s : u"segments"_s)
        .arg(index);
}

QStringList DraftBook::keys(DraftItem::Kind kind, bool withWorking) const
{
    QStringList out;
    composed(kind, withWorking, &out);
    return out;
}

void DraftBook::put(const DraftItem &item)
{
    for (DraftItem &i : m_items) {
        if (i.kind == item.kind && i.key == item.key) {
            i = item;
            return;
        }
    }
    m_items.append(item);
}

void DraftBook::remove(DraftItem::Kind kind, const QString &key)
{
    m_items.removeIf([&](const DraftItem &i) { return i.kind == kind && i.key == key; });
}

Result<CampaignSet> DraftBook::rules(bool withWorking) const
{
    return campaignfile::parse(document(withWorking));
}

QList<Conflict> DraftBook::conflicts() const
{
    QList<Conflict> out;
    for (const DraftItem &i : m_items) {
        if (!i.saved && !i.working && !i.deleted)
            continue;
        const auto live = liveObject(i.kind, i.key);
        if (live == i.base)
            continue;
        Conflict c{i.kind, i.key, {}, live};
        const QString what = i.kind == DraftItem::Kind::Campaign ? u"campaign"_s : u"segment"_s;
        if (!i.base)
            c.message = u"A %1 with the id \"%2\" was added to the live rules after this draft "
                        u"began."_s.arg(what, i.key);
        else if (!live)
            c.message =
                u"The %1 \"%2\" was removed from the live rules after this draft began."_s.arg(
                    what, i.key);
        else
            c.message =
                u"The %1 \"%2\" was changed in the live rules after this draft began."_s.arg(what,
                                                                                             i.key);
        out.append(c);
    }
    return out;
}

namespace {

template<class T, class ToJson>
void diffList(DraftItem::Kind kind, const QList<T> &live, const QList<T> &draft, ToJson toJson,
              QList<Change> *out)
{
    QMap<QString, QJsonObject> before, after;
    for (const T &x : live)
        before.insert(x.id, toJson(x));
    for (const T &x : draft)
        after.insert(x.id, toJson(x));
    QStringList ids = before.keys() + after.keys();
    ids.removeDuplicates();
    std::sort(ids.begin(), ids.end());
    for (const QString &id : ids) {
        const bool inBefore = before.contains(id), inAfter = after.contains(id);
        Change c{kind, Change::Type::Changed, id, {}, before.value(id), after.value(id)};
        if (!inBefore) {
            c.type = Change::Type::Added;
        } else if (!inAfter) {
            c.type = Change::Type::Removed;
        } else {
            QStringList keys = c.before.keys() + c.after.keys();
            keys.removeDuplicates();
            // In the file's key order, so the diff reads like the file.
            const QStringList &order = campaignfile::keyOrder();
            std::stable_sort(keys.begin(), keys.end(),
                             [&order](const QString &a, const QString &b) {
                                 const auto ia = order.indexOf(a), ib = order.indexOf(b);
                                 return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
                             });
            for (const QString &key : keys)
                if (c.before.value(key) != c.after.value(key))
                    c.fields.append(key);
            if (c.fields.isEmpty())
                continue;
        }
        out->append(c);
    }
}

} // namespace

QList<Change> diff(const CampaignSet &live, const CampaignSet &draft)
{
    QList<Change> out;
    diffList(DraftItem::Kind::Segment, live.segments, draft.segments, &campaignfile::segmentToJson,
             &out);
    diffList(DraftItem::Kind::Campaign, live.campaigns, draft.campaigns,
             &campaignfile::campaignToJson, &out);
    return out;
}

} // namespace remise::drafts
