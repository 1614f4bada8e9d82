#include "segmentswidgets.h"

#include <QApplication>
#include <QComboBox>
#include <QHash>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

const QStringList fieldNames = {u"customer_id"_s,  u"email"_s,        u"email_domain"_s,
                                u"country"_s,      u"region"_s,       u"postal_code"_s,
                                u"loyalty_tier"_s, u"order_count"_s,  u"lifetime_spend"_s,
                                u"tags"_s,         u"metadata.plan"_s};
const QStringList opNames = {
    u"eq"_s,  u"ne"_s,          u"in"_s,        u"not_in"_s,   u"gt"_s,     u"gte"_s,       u"lt"_s,
    u"lte"_s, u"starts_with"_s, u"ends_with"_s, u"contains"_s, u"exists"_s, u"not_exists"_s};

QString opText(const QString &op)
{
    static const QHash<QString, const char *> texts = {
        {u"eq"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is")},
        {u"ne"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is not")},
        {u"in"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is one of")},
        {u"not_in"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is none of")},
        {u"gt"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is more than")},
        {u"gte"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is at least")},
        {u"lt"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is less than")},
        {u"lte"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is at most")},
        {u"starts_with"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "starts with")},
        {u"ends_with"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "ends with")},
        {u"contains"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "contains")},
        {u"exists"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is set")},
        {u"not_exists"_s, QT_TRANSLATE_NOOP("remise::ui::RulesEdit", "is not set")},
    };
    return QCoreApplication::translate("remise::ui::RulesEdit", texts.value(op));
}

/// The value as the format wants it: a list for in/not_in, numbers where they parse as such.
QJsonValue valueFrom(const QString &op, const QString &text)
{
    const auto scalar = [](const QString &t) -> QJsonValue {
        bool ok = false;
        const double n = QLocale::c().toDouble(t.trimmed(), &ok);
        return ok ? QJsonValue(n) : QJsonValue(t.trimmed());
    };
    if (op == u"in" || op == u"not_in") {
        QJsonArray list;
        for (const QString &part : text.split(u','))
            if (!part.trimmed().isEmpty())
                list.append(scalar(part));
        return list;
    }
    if (op == u"starts_with" || op == u"ends_with" || op == u"contains")
        return text;
    return scalar(text);
}

QString valueText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &v : value.toArray())
            parts.append(v.isDouble() ? QLocale::c().toString(v.toDouble(), 'g', 15)
                                      : v.toString());
        return parts.join(u", "_s);
    }
    if (value.isDouble())
        return QLocale::c().toString(value.toDouble(), 'g', 15);
    return value.toString();
}

} // namespace

// --- the list -----------------------------------------------------------------------------------

SegmentListModel::SegmentListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SegmentListModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SegmentListModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return i;
    return -1;
}

int SegmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SegmentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == KeyRole)
        return r.key;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case Name:
        return r.object.value(u"name").toString();
    case Id:
        return r.object.value(u"id").toString();
    case Match:
        return r.object.value(u"match").toString() == u"any" ? tr("Any rule") : tr("All rules");
    case Rules:
        return int(r.object.value(u"rules").toArray().size());
    case Customers:
        if (role == Qt::EditRole)
            return r.matching;
        return r.matching < 0 ? tr("Unknown") : QLocale().toString(r.matching);
    case Draft:
        return r.state;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SegmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Id:
        return tr("Id");
    case Match:
        return tr("Match");
    case Rules:
        return tr("Rules");
    case Customers:
        return tr("Local customers");
    case Draft:
        return tr("Draft");
    case ColumnCount:
        break;
    }
    return {};
}

// --- the rules editor ---------------------------------------------------------------------------

RulesEdit::RulesEdit(QWidget *parent)
    : QWidget(parent)
    , m_rows(new QVBoxLayout)
{
    setAccessibleName(tr("Rules"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rows);
    auto *add = new QPushButton(tr("Add a rule"), this);
    add->setObjectName(u"addRule"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow(QJsonObject{
            {u"field"_s, u"loyalty_tier"_s}, {u"op"_s, u"eq"_s}, {u"value"_s, QString()}});
        emit changed(structural());
    });
}

int RulesEdit::count() const
{
    return m_rows->count();
}

void RulesEdit::addRow(const QJsonObject &rule)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *field = new QComboBox(row);
    field->setObjectName(u"field"_s);
    field->setEditable(true);
    field->setInsertPolicy(QComboBox::NoInsert);
    field->addItems(fieldNames);
    field->setCurrentText(rule.value(u"field").toString());
    field->setAccessibleName(tr("Customer field"));
    field->setToolTip(tr("What the rule looks at; metadata.<key> for a metadata value."));
    auto *op = new QComboBox(row);
    op->setObjectName(u"op"_s);
    for (const QString &name : opNames)
        op->addItem(opText(name), name);
    op->setCurrentIndex(std::max(0, op->findData(rule.value(u"op").toString())));
    op->setAccessibleName(tr("Comparison"));
    auto *value = new QLineEdit(row);
    value->setObjectName(u"value"_s);
    value->setText(valueText(rule.value(u"value")));
    value->setAccessibleName(tr("Value"));
    value->setPlaceholderText(tr("A value; for \"is one of\", values separated by commas"));
    // Never squeezed below a short list of values by the combos beside it.
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(u"gold, platinum, silver"_s));
    auto *remove = new QToolButton(row);
    remove->setText(tr("Remove"));
    remove->setIcon(QIcon::fromTheme(u"list-remove"_s));
    remove->setAccessibleName(tr("Remove this rule"));
    h->addWidget(field, 2);
    h->addWidget(op, 2);
    h->addWidget(value, 3);
    h->addWidget(remove);
    m_rows->addWidget(row);
    const auto showValue = [op, value] {
        const QString o = op->currentData().toString();
        value->setEnabled(o != u"exists" && o != u"not_exists");
    };
    showValue();
    connect(field, &QComboBox::currentTextChanged, this, [this] { emit changed(u"rules"_s); });
    connect(op, &QComboBox::currentIndexChanged, this, [this, showValue] {
        showValue();
        emit changed(u"rules"_s);
    });
    connect(value, &QLineEdit::textEdited, this, [this] { emit changed(u"rules"_s); });
    connect(remove, &QToolButton::clicked, this, [this, row] {
        m_rows->removeWidget(row);
        row->hide();
        row->setParent(nullptr);
        row->deleteLater();
        emit changed(structural());
    });
}

void RulesEdit::addRule(const QString &field, const QString &op, const QString &value)
{
    addRow(QJsonObject{{u"field"_s, field}, {u"op"_s, op}, {u"value"_s, valueFrom(op, value)}});
    emit changed(structural());
}

void RulesEdit::setRules(const QJsonArray &rules)
{
    const QSignalBlocker blocker(this);
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QJsonValue &rule : rules)
        addRow(rule.toObject());
}

QJsonArray RulesEdit::rules() const
{
    QJsonArray out;
    for (int i = 0; i < m_rows->count(); ++i) {
        QWidget *row = m_rows->itemAt(i)->widget();
        if (!row)
            continue;
        const QString op = row->findChild<QComboBox *>(u"op"_s)->currentData().toString();
        QJsonObject rule{
            {u"field"_s, row->findChild<QComboBox *>(u"field"_s)->currentText().trimmed()},
            {u"op"_s, op}};
        if (op != u"exists" && op != u"not_exists")
            rule.insert(u"value"_s, valueFrom(op, row->findChild<QLineEdit *>(u"value"_s)->text()));
        out.append(rule);
    }
    return out;
}

} // namespace remise::ui
