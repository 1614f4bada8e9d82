#pragma once

#include <QJsonObject>
#include <QUndoCommand>

#include <functional>

namespace remise::ui {

/// One edit of a form, as snapshots of the whole edited object before and after it. Consecutive
/// edits of the same field of the same object merge, so undo takes back a word, not a letter.
class SnapshotCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QString &key, const QJsonObject &object)>;

    SnapshotCommand(Apply apply, QString key, QString field, QJsonObject before, QJsonObject after,
                    const QString &text)
        : QUndoCommand(text)
        , m_apply(std::move(apply))
        , m_key(std::move(key))
        , m_field(std::move(field))
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    int id() const override { return 2; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const SnapshotCommand *>(other);
        if (o->m_key != m_key || o->m_field != m_field)
            return false;
        m_after = o->m_after;
        return true;
    }
    void undo() override { m_apply(m_key, m_before); }
    void redo() override
    {
        if (m_first) {
            m_first = false; // the form already shows it
            return;
        }
        m_apply(m_key, m_after);
    }

private:
    Apply m_apply;
    QString m_key;
    QString m_field;
    QJsonObject m_before;
    QJsonObject m_after;
    bool m_first = true;
};

} // namespace remise::ui
