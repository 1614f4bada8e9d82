#pragma once

// Random text for the property tests of text.h: strings built from "atoms", each exactly one
// grapheme cluster that does not merge with its neighbours, so that atom ends are an oracle
// for grapheme boundaries independent of Qt's.

#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace remise::test {

struct TextSample
{
    QString text;
    QList<qsizetype> boundaries; ///< UTF-16 offsets where atoms end (0 and text.size() included)
};

inline const QList<QString> &textAtoms()
{
    using namespace Qt::StringLiterals;
    static const QList<QString> atoms{
        // ASCII and Latin-1
        u"a"_s,
        u"Z"_s,
        u" "_s,
        u"+"_s,
        u"é"_s,
        u"ß"_s,
        // combining marks: a letter and one or several marks
        u"e\u0301"_s,
        u"a\u0308\u0301"_s,
        u"n\u0303"_s,
        u"o\u0328\u0304\u0301"_s,
        // emoji: single, with a skin tone, with a variation selector
        u"\U0001F600"_s,
        u"\U0001F44D\U0001F3FD"_s,
        u"\U0001F44B\U0001F3FF"_s,
        u"\u2764\uFE0F"_s,
        u"\U0001F389"_s,
        // ZWJ sequences: family, couple with skin tones, rainbow flag, technologist
        u"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"_s,
        u"\U0001F469\U0001F3FD\u200D\u2764\uFE0F\u200D\U0001F468\U0001F3FB"_s,
        u"\U0001F3F3\uFE0F\u200D\U0001F308"_s,
        u"\U0001F9D1\U0001F3FE\u200D\U0001F4BB"_s,
        // flags (regional indicator pairs)
        u"\U0001F1EB\U0001F1F7"_s,
        u"\U0001F1E7\U0001F1EA"_s,
        u"\U0001F1EF\U0001F1F5"_s,
        // keycap
        u"1\uFE0F\u20E3"_s,
        // CJK (BMP and a supplementary ideograph), Hangul syllables
        u"中"_s,
        u"文"_s,
        u"\U00020BB7"_s,
        u"한"_s,
        u"국"_s,
        // right-to-left: Arabic, Arabic with harakat, Hebrew with points, a directional mark
        u"\u0639"_s,
        u"\u0628\u064E"_s,
        u"\u05E9\u05B8"_s,
        u"\u05D0"_s,
        u"\u200F"_s,
        // Devanagari syllable with a virama conjunct base
        u"\u0915\u093F"_s,
    };
    return atoms;
}

/// A random string of `atoms` atoms; the same generator state gives the same string.
inline TextSample randomText(QRandomGenerator &random, int atoms)
{
    const QList<QString> &pool = textAtoms();
    TextSample sample;
    sample.boundaries.append(0);
    for (int i = 0; i < atoms; ++i) {
        sample.text += pool.at(random.bounded(int(pool.size())));
        sample.boundaries.append(sample.text.size());
    }
    return sample;
}

} // namespace remise::test
