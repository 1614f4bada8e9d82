#include "campaignswidgets.h"

#include "money.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

const QStringList commonCurrencies = {u"eur"_s, u"usd"_s, u"gbp"_s, u"jpy"_s, u"chf"_s, u"cad"_s,
                                      u"aud"_s, u"sek"_s, u"nok"_s, u"dkk"_s, u"pln"_s, u"czk"_s};

double scale(const QString &currency)
{
    return std::pow(10.0, currency::decimals(currency));
}

} // namespace

CurrencyAmountsEdit::CurrencyAmountsEdit(const QString &accessibleName, QWidget *parent)
    : QWidget(parent)
    , m_rows(new QVBoxLayout)
    , m_add(new QPushButton(tr("Add a currency"), this))
    , m_name(accessibleName)
{
    setAccessibleName(accessibleName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rows);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_add->setAccessibleName(tr("Add a currency to %1").arg(accessibleName));
    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow(m_rows->count() == 0 ? u"eur"_s : QString(), 0);
        emit changed();
    });
}

void CurrencyAmountsEdit::addRow(const QString &currencyCode, qint64 minorUnits)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *code = new QComboBox(row);
    code->setEditable(true);
    code->addItems(commonCurrencies);
    code->setCurrentText(currencyCode);
    code->setAccessibleName(tr("Currency of %1").arg(m_name));
    code->setToolTip(tr("A lowercase ISO 4217 code, such as eur or usd."));
    auto *amount = new QDoubleSpinBox(row);
    amount->setObjectName(u"amount"_s);
    amount->setAccessibleName(tr("Amount of %1").arg(m_name));
    amount->setRange(0, 1e12);
    const auto applyDecimals = [amount, code] {
        const QString c = code->currentText().trimmed().toLower();
        amount->setDecimals(currency::isValidCode(c) ? currency::decimals(c) : 2);
    };
    applyDecimals();
    amount->setValue(double(minorUnits) / scale(currencyCode.isEmpty() ? u"eur"_s : currencyCode));
    auto *remove = new QToolButton(row);
    remove->setText(tr("Remove"));
    remove->setIcon(QIcon::fromTheme(u"list-remove"_s));
    remove->setAccessibleName(tr("Remove this currency from %1").arg(m_name));
    h->addWidget(code);
    h->addWidget(amount, 1);
    h->addWidget(remove);
    m_rows->addWidget(row);
    connect(code, &QComboBox::currentTextChanged, this, [this, applyDecimals] {
        applyDecimals();
        emit changed();
    });
    connect(amount, &QDoubleSpinBox::valueChanged, this, [this] { emit changed(); });
    connect(remove, &QToolButton::clicked, this, [this, row] {
        m_rows->removeWidget(row);
        row->deleteLater();
        row->hide();
        row->setParent(nullptr);
        emit changed();
    });
}

void CurrencyAmountsEdit::addAmount(const QString &currencyCode, qint64 minorUnits)
{
    addRow(currencyCode, minorUnits);
    emit changed();
}

void CurrencyAmountsEdit::setAmounts(const QJsonObject &amounts)
{
    const QSignalBlocker blocker(this);
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (auto it = amounts.begin(); it != amounts.end(); ++it)
        addRow(it.key(), it.value().toInteger());
}

QJsonObject CurrencyAmountsEdit::amounts() const
{
    QJsonObject out;
    for (int i = 0; i < m_rows->count(); ++i) {
        QWidget *row = m_rows->itemAt(i)->widget();
        if (!row)
            continue;
        const auto *code = row->findChild<QComboBox *>();
        const auto *amount = row->findChild<QDoubleSpinBox *>();
        const QString c = code->currentText().trimmed().toLower();
        const double s = currency::isValidCode(c) ? scale(c) : 100.0;
        out.insert(c, qint64(std::llround(amount->value() * s)));
    }
    return out;
}

bool CurrencyAmountsEdit::isEmpty() const
{
    return m_rows->count() == 0;
}

TiersEdit::TiersEdit(QWidget *parent)
    : QWidget(parent)
    , m_tiers(new QVBoxLayout)
{
    setAccessibleName(tr("Tiers"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tiers->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_tiers);
    auto *add = new QPushButton(tr("Add a tier"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addTier(QJsonObject{{u"min_subtotal"_s, QJsonObject{{u"eur"_s, 0}}},
                            {u"amount_off"_s, QJsonObject{{u"eur"_s, 0}}}});
        emit changed();
    });
}

void TiersEdit::addTier(const QJsonObject &tier)
{
    auto *box = new QGroupBox(tr("Tier %1").arg(m_tiers->count() + 1), this);
    auto *form = new QFormLayout(box);
    auto *min = new CurrencyAmountsEdit(tr("the tier's minimum subtotal"), box);
    min->setObjectName(u"minSubtotal"_s);
    min->setAmounts(tier.value(u"min_subtotal").toObject());
    auto *kind = new QComboBox(box);
    kind->setObjectName(u"kind"_s);
    kind->addItem(tr("An amount off"), u"amount_off"_s);
    kind->addItem(tr("A percentage off"), u"percent"_s);
    kind->setAccessibleName(tr("Kind of tier discount"));
    auto *amount = new CurrencyAmountsEdit(tr("the tier's amount off"), box);
    amount->setObjectName(u"amountOff"_s);
    auto *percent = new QDoubleSpinBox(box);
    percent->setObjectName(u"percent"_s);
    percent->setAccessibleName(tr("Tier percentage"));
    percent->setRange(0, 100);
    percent->setDecimals(2);
    percent->setSuffix(u" %"_s);
    const bool isPercent = tier.contains(u"percent");
    kind->setCurrentIndex(isPercent ? 1 : 0);
    if (isPercent)
        percent->setValue(tier.value(u"percent").toDouble());
    else
        amount->setAmounts(tier.value(u"amount_off").toObject());
    form->addRow(tr("From a subtotal of"), min);
    form->addRow(tr("Discount"), kind);
    form->addRow(tr("Amount off"), amount);
    form->addRow(tr("Percentage off"), percent);
    const auto showKind = [form, kind, amount, percent] {
        const bool p = kind->currentIndex() == 1;
        form->setRowVisible(amount, !p);
        form->setRowVisible(percent, p);
    };
    showKind();
    auto *remove = new QPushButton(tr("Remove this tier"), box);
    form->addRow(QString(), remove);
    m_tiers->addWidget(box);
    connect(kind, &QComboBox::currentIndexChanged, this, [this, showKind] {
        showKind();
        emit changed();
    });
    connect(min, &CurrencyAmountsEdit::changed, this, &TiersEdit::changed);
    connect(amount, &CurrencyAmountsEdit::changed, this, &TiersEdit::changed);
    connect(percent, &QDoubleSpinBox::valueChanged, this, [this] { emit changed(); });
    connect(remove, &QPushButton::clicked, this, [this, box] {
        m_tiers->removeWidget(box);
        box->hide();
        box->setParent(nullptr);
        box->deleteLater();
        emit changed();
    });
}

void TiersEdit::setTiers(const QJsonArray &tiers)
{
    const QSignalBlocker blocker(this);
    while (QLayoutItem *item = m_tiers->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QJsonValue &tier : tiers)
        addTier(tier.toObject());
}

QJsonArray TiersEdit::tiers() const
{
    QJsonArray out;
    for (int i = 0; i < m_tiers->count(); ++i) {
        QWidget *box = m_tiers->itemAt(i)->widget();
        if (!box)
            continue;
        QJsonObject tier{{u"min_subtotal"_s,
                          box->findChild<CurrencyAmountsEdit *>(u"minSubtotal"_s)->amounts()}};
        if (box->findChild<QComboBox *>(u"kind"_s)->currentIndex() == 1)
            tier.insert(u"percent"_s, box->findChild<QDoubleSpinBox *>(u"percent"_s)->value());
        else
            tier.insert(u"amount_off"_s,
                        box->findChild<CurrencyAmountsEdit *>(u"amountOff"_s)->amounts());
        out.append(tier);
    }
    return out;
}

} // namespace remise::ui
