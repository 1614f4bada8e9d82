#include "draftsession.h"

#include "campaignfile.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace remise::drafts {

DraftSession::DraftSession(Store &store, const Clock &clock, QString actor)
    : m_store(store)
    , m_clock(clock)
    , m_actor(std::move(actor))
{}

Status DraftSession::reload()
{
    auto book = DraftBook::load(m_store);
    if (!book)
        return fail(book.error());
    m_book = std::move(*book);
    return {};
}

bool DraftSession::liveChanged()
{
    auto revision = m_store.rulesRevision();
    return revision && *revision != m_book.revision();
}

std::optional<QJsonObject> DraftSession::current(DraftItem::Kind kind, const QString &key) const
{
    if (const DraftItem *item = m_book.item(kind, key)) {
        if (item->working)
            return item->working;
        if (item->saved)
            return item->saved;
        if (item->deleted)
            return std::nullopt;
    }
    return m_book.liveObject(kind, key);
}

QString DraftSession::newKey()
{
    return u"new-%1"_s.arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

DraftItem DraftSession::itemFor(DraftItem::Kind kind, const QString &key) const
{
    if (const DraftItem *existing = m_book.item(kind, key))
        return *existing;
    DraftItem item;
    item.kind = kind;
    item.key = key;
    item.base = m_book.liveObject(kind, key);
    item.baseRevision = m_book.revision();
    qint64 position = 0;
    for (const DraftItem &i : m_book.items())
        position = std::max(position, i.position + 1);
    item.position = position;
    return item;
}

Status DraftSession::write(DraftItem item)
{
    item.updatedMs = m_clock.nowMs();
    item.updatedBy = m_actor;
    if (auto saved = m_store.saveDraftItem(item); !saved)
        return saved;
    m_book.put(item);
    return {};
}

Status DraftSession::keepWorking(DraftItem::Kind kind, const QString &key,
                                 const QJsonObject &object)
{
    DraftItem item = itemFor(kind, key);
    if (item.working == object)
        return {};
    item.working = object;
    return write(item);
}

namespace {

DraftBook withSaved(DraftBook book, DraftItem item, const QJsonObject &object)
{
    item.saved = object;
    item.working.reset();
    item.deleted = false;
    book.put(item);
    return book;
}

QList<Error> under(const QList<Error> &all, const QString &prefix)
{
    QList<Error> out;
    for (const Error &e : all) {
        const QString rest = e.path.mid(prefix.size());
        if (e.path.startsWith(prefix) &&
            (rest.isEmpty() || rest.front() == u'.' || rest.front() == u'['))
            out.append(e);
    }
    return out;
}

} // namespace

QList<Error> DraftSession::problems(DraftItem::Kind kind, const QString &key,
                                    const QJsonObject &object) const
{
    const DraftBook book = withSaved(m_book, itemFor(kind, key), object);
    auto rules = book.rules();
    return rules ? QList<Error>() : drafts::problems(rules.error());
}

QString DraftSession::pathOf(DraftItem::Kind kind, const QString &key) const
{
    DraftBook book = m_book;
    if (!book.item(kind, key)) {
        DraftItem item = itemFor(kind, key);
        item.saved = QJsonObject{};
        book.put(item);
    }
    return book.pathOf(kind, key);
}

Result<CampaignSet> DraftSession::rulesWith(DraftItem::Kind kind, const QString &key,
                                            const QJsonObject &object) const
{
    return withSaved(m_book, itemFor(kind, key), object).rules();
}

Status DraftSession::save(DraftItem::Kind kind, const QString &key, const QJsonObject &object)
{
    DraftItem item = itemFor(kind, key);
    const DraftBook book = withSaved(m_book, item, object);
    const QString path = book.pathOf(kind, key);
    auto rules = book.rules();
    if (!rules) {
        const QList<Error> mine = under(drafts::problems(rules.error()), path);
        if (!mine.isEmpty()) {
            Error e = mine.size() == 1
                          ? mine.first()
                          : Error{errc::invalidValue,
                                  u"the %1 has %2 problems"_s.arg(kindName(kind)).arg(mine.size()),
                                  {},
                                  {mine.begin(), mine.end()}};
            return fail(e);
        }
    }
    // The canonical form, as an export would write it, so diffs compare like with like.
    QJsonObject canonical = object;
    if (kind == DraftItem::Kind::Campaign) {
        QStringList segmentIds;
        for (const QJsonValue &s : book.document().value(u"segments").toArray())
            segmentIds.append(s.toObject().value(u"id").toString());
        if (auto c = campaignfile::parseCampaign(object, segmentIds, path))
            canonical = campaignfile::campaignToJson(*c);
    } else if (auto s = campaignfile::parseSegment(object, path)) {
        canonical = campaignfile::segmentToJson(*s);
    }
    if (item.base && *item.base == canonical && !item.deleted) {
        if (auto gone = m_store.discardDraftItem(kind, key); !gone)
            return gone;
        m_book.remove(kind, key);
        return {};
    }
    item.saved = canonical;
    item.working.reset();
    item.deleted = false;
    return write(item);
}

Status DraftSession::revert(DraftItem::Kind kind, const QString &key)
{
    const DraftItem *existing = m_book.item(kind, key);
    if (!existing)
        return {};
    DraftItem item = *existing;
    item.working.reset();
    if (!item.saved && !item.deleted)
        return discard(kind, key);
    return write(item);
}

Status DraftSession::remove(DraftItem::Kind kind, const QString &key)
{
    DraftItem item = itemFor(kind, key);
    if (!item.base)
        return discard(kind, key);
    item.deleted = true;
    item.saved.reset();
    item.working.reset();
    return write(item);
}

Status DraftSession::keepMine(DraftItem::Kind kind, const QString &key)
{
    const DraftItem *existing = m_book.item(kind, key);
    if (!existing)
        return {};
    DraftItem item = *existing;
    item.base = m_book.liveObject(kind, key);
    item.baseRevision = m_book.revision();
    return write(item);
}

Status DraftSession::discard(DraftItem::Kind kind, const QString &key)
{
    if (auto gone = m_store.discardDraftItem(kind, key); !gone)
        return gone;
    m_book.remove(kind, key);
    return {};
}

Status DraftSession::discardAll()
{
    const QList<DraftItem> items = m_book.items();
    for (const DraftItem &item : items)
        if (auto gone = discard(item.kind, item.key); !gone)
            return gone;
    return {};
}

Status DraftSession::replaceWith(const CampaignSet &rules)
{
    // Validated as a whole first (an import is all or nothing).
    if (auto valid = campaignfile::parse(campaignfile::toJson(rules)); !valid)
        return fail(valid.error());
    if (auto cleared = discardAll(); !cleared)
        return cleared;
    const auto apply = [this](DraftItem::Kind kind, const QStringList &liveIds,
                              const QList<std::pair<QString, QJsonObject>> &wanted) -> Status {
        QStringList kept;
        for (const auto &[id, object] : wanted) {
            kept.append(id);
            if (m_book.liveObject(kind, id) == object)
                continue;
            DraftItem item = itemFor(kind, id);
            item.saved = object;
            if (auto written = write(item); !written)
                return written;
        }
        for (const QString &id : liveIds) {
            if (kept.contains(id))
                continue;
            DraftItem item = itemFor(kind, id);
            item.deleted = true;
            if (auto written = write(item); !written)
                return written;
        }
        return {};
    };
    QStringList liveSegments, liveCampaigns;
    for (const Segment &s : m_book.live().segments)
        liveSegments.append(s.id);
    for (const Campaign &c : m_book.live().campaigns)
        liveCampaigns.append(c.id);
    QList<std::pair<QString, QJsonObject>> segments, campaigns;
    for (const Segment &s : rules.segments)
        segments.append({s.id, campaignfile::segmentToJson(s)});
    for (const Campaign &c : rules.campaigns)
        campaigns.append({c.id, campaignfile::campaignToJson(c)});
    if (auto done = apply(DraftItem::Kind::Segment, liveSegments, segments); !done)
        return done;
    return apply(DraftItem::Kind::Campaign, liveCampaigns, campaigns);
}

Status DraftSession::publish()
{
    const QList<Conflict> conflicts = m_book.conflicts();
    if (!conflicts.isEmpty())
        return fail(errc::conflict, conflicts.first().message, conflicts.first().key);
    auto rules = m_book.rules();
    if (!rules)
        return fail(rules.error());
    // Unsaved edits are not published; they stay as edits over the new live rules.
    QList<DraftItem> unsaved;
    for (const DraftItem &item : m_book.items())
        if (item.working)
            unsaved.append(item);
    if (auto published = m_store.publishRules(*rules, m_book.revision()); !published)
        return published;
    if (auto reloaded = reload(); !reloaded)
        return reloaded;
    for (const DraftItem &item : unsaved)
        if (auto kept = keepWorking(item.kind, item.key, *item.working); !kept)
            return kept;
    return {};
}

} // namespace remise::drafts
