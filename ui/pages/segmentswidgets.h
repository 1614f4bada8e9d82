#pragma once

// The list and the rules editor of the Segments page (segmentspage.h).

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QVBoxLayout;

namespace remise::ui {

/// The segments of the draft, with how many local customers each matches.
class SegmentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Id, Match, Rules, Customers, Draft, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 1;
    struct Row
    {
        QString key;
        QJsonObject object;
        QString state;     ///< in words
        int matching = -1; ///< -1: unknown (invalid rules)
    };

    explicit SegmentListModel(QObject *parent = nullptr);
    void setRows(QList<Row> rows);
    const QList<Row> &rows() const { return m_rows; }
    int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

/// The rules of one segment: rows of field, operator and value.
class RulesEdit : public QWidget
{
    Q_OBJECT
public:
    explicit RulesEdit(QWidget *parent = nullptr);
    void setRules(const QJsonArray &rules);
    QJsonArray rules() const;
    /// Adds a rule row as if the user pressed "Add a rule" and filled it in.
    void addRule(const QString &field, const QString &op, const QString &value);
    int count() const;

signals:
    /// `what` names the edit for undo merging: "rules" for typing, a unique name for a rule
    /// added or removed (never merged).
    void changed(const QString &what);

private:
    void addRow(const QJsonObject &rule);
    QString structural() { return QStringLiteral("rules#") + QString::number(++m_structuralEdits); }
    QVBoxLayout *m_rows;
    int m_structuralEdits = 0;
};

} // namespace remise::ui
