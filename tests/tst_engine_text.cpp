// The engine's sentences reach the translator: a refusal, a reconciliation description and
// a checklist's advice come out in the installed language with their figures filled in,
// from any thread, and in English, unchanged, without a translator. The translation file
// holds them under their areas' contexts.

#include "api/Checklist.h"
#include "api/Commands.h"
#include "api/Config.h"
#include "api/Reconciliation.h"
#include "core/EngineText.h"

#include <QFile>
#include <QTest>
#include <QTranslator>

#include <string>
#include <thread>

using namespace vigil;

class TestEngineText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void englishWithoutATranslator();
    void translatedWithTheFiguresFilledIn();
    void anEngineThreadGetsTheTranslationToo();
    void argumentsAreNotReadForPlaceholders();
    void theTranslationFileHoldsTheEngineSentences();

private:
    static std::string pauseRefusal()
    {
        cmd::Pause pause;
        pause.actor = "alice (console)";
        pause.reason = "lunch";
        return judge(pause, TradingState::Halted, TradingState::Active).refusal;
    }
    static std::string quantityDifference()
    {
        Difference d;
        d.kind = DifferenceKind::QuantityDiffers;
        d.symbol = "AAPL";
        d.internalQty = 100;
        d.brokerQty = 40;
        return d.describe();
    }
    static std::string reportAdvice()
    {
        ChecklistFacts facts;
        facts.reportPath = "/srv/vigil/reports/vigil-report-2026-11-20.pdf";
        const ChecklistResult r = runChecklist(ChecklistKind::EndOfDay, facts, ChecklistConfig{});
        for (const CheckItem &i : r.items)
            if (i.id == "report")
                return i.detail;
        return {};
    }
};

void TestEngineText::englishWithoutATranslator()
{
    QCOMPARE(pauseRefusal(), std::string("trading is HALTED; pausing would loosen it"));
    QCOMPARE(quantityDifference(), std::string("AAPL: 100 here, 40 at the broker (quantity differs)"));
    QCOMPARE(reportAdvice(),
             std::string("no report at /srv/vigil/reports/vigil-report-2026-11-20.pdf (vigil report, or "
                         "File > Export daily report)"));
}

void TestEngineText::translatedWithTheFiguresFilledIn()
{
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n-test/tst_engine_text_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    QCOMPARE(pauseRefusal(), std::string("der Handel ist HALTED; eine Pause würde ihn lockern"));
    // The sentence puts the figures in its own order; the kind inside it is translated too.
    QCOMPARE(quantityDifference(), std::string("AAPL: beim Broker 40, hier 100 (Menge weicht ab)"));
    QCOMPARE(reportAdvice(), std::string("kein Bericht unter /srv/vigil/reports/vigil-report-2026-11-20.pdf (vigil "
                                         "report, oder Datei > Tagesbericht exportieren)"));
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(pauseRefusal(), std::string("trading is HALTED; pausing would loosen it"));
}

void TestEngineText::anEngineThreadGetsTheTranslationToo()
{
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n-test/tst_engine_text_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    std::string refusal;
    std::thread engine([&refusal] { refusal = pauseRefusal(); });
    engine.join();
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(refusal, std::string("der Handel ist HALTED; eine Pause würde ihn lockern"));
}

void TestEngineText::argumentsAreNotReadForPlaceholders()
{
    // A path or an operator's note may hold "%2": it is text, not a place for the next figure.
    QCOMPARE(engineTr("Test", "%1 then %2").arg("50%2 off", 7), std::string("50%2 off then 7"));
    QCOMPARE(engineTr("Test", "%2 before %1").arg("a", "b"), std::string("b before a"));
    QCOMPARE(engineTr("Test", "100% sure, %3 unfilled").arg("a"), std::string("100% sure, %3 unfilled"));
    QCOMPARE(engineTr("Test", "%1 units").arg(std::int64_t{-42}), std::string("-42 units"));
}

void TestEngineText::theTranslationFileHoldsTheEngineSentences()
{
    // lupdate reads engineTr() as translate(context, sentence): the refreshed file must hold
    // the engine's sentences under their areas, or a translator never sees them.
    QFile ts(qEnvironmentVariable("VIGIL_SOURCE_DIR") + QStringLiteral("/translations/vigil_en.ts"));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    const QString text = QString::fromUtf8(ts.readAll());
    const auto contextHolds = [&text](const QString &context, const QString &source) {
        const qsizetype start = text.indexOf(QStringLiteral("<name>") + context + QStringLiteral("</name>"));
        const qsizetype end = text.indexOf(QStringLiteral("</context>"), start);
        return start >= 0
               && text.mid(start, end - start)
                      .contains(QStringLiteral("<source>") + source + QStringLiteral("</source>"));
    };
    QVERIFY(contextHolds(QStringLiteral("Controls"), QStringLiteral("trading is %1; pausing would loosen it")));
    QVERIFY(contextHolds(QStringLiteral("Reconciliation"), QStringLiteral("%1: %2 here, %3 at the broker (%4)")));
    QVERIFY(contextHolds(QStringLiteral("Reconciliation"), QStringLiteral("quantity differs")));
    QVERIFY(contextHolds(QStringLiteral("Checklist"), QStringLiteral("%1 items: %2 pass, %3 warn, %4 fail")));
}

QTEST_GUILESS_MAIN(TestEngineText)
#include "tst_engine_text.moc"
