// The real vigil binary: `vigil backup create|list|verify|prune` on a data directory a
// headless session wrote: the path is create's last line, exit statuses, damaged backups
// named and marked bad, anything appended to or changed in an archive refused by verify
// and restore, bad arguments, a backup killed half-way, and backups made when the
// configuration itself is broken; `vigil restore`: dry run, confirmation, --yes, and a
// full restore into a fresh data directory that resumes with the same books; a restore
// killed during its swap is finished by the next start; a journal that a start migrates
// is backed up first.
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "SqlFiles.h"
#include "VigilProcess.h"
#include "store/Schema.h"

#include <QSqlDatabase>

using vigil::testing::rows;
using vigil::testing::scalar;

namespace {

/// The SHA-256 of the file at `path` (empty if it cannot be read).
QByteArray fileSha256(const QString &path)
{
    QFile f(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return f.open(QIODevice::ReadOnly) && hash.addData(&f) ? hash.result() : QByteArray();
}

/// Appends `bytes` to the file at `path`; false if it could not.
bool appendTo(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(bytes) == bytes.size();
}

/// Writes `text` to `path` whole; false if it could not.
bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class TestCliBackup : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    /// The real binary; `drill` names a drill variable set to 1, `input` is its stdin.
    Run vigil(const QStringList &args, const QString &drill = {}, const QByteArray &input = {})
    {
        QProcessEnvironment extra;
        if (!drill.isEmpty())
            extra.insert(drill, QStringLiteral("1"));
        return vigil::testing::runVigil(m_home.path(), args, extra, input);
    }

    QStringList backupArgs(const QStringList &words) const
    {
        return QStringList{QStringLiteral("backup")} + words + QStringList{QStringLiteral("--data-dir"), m_data};
    }

    /// `backup list --json` shows the archive at `path` as bad.
    bool listedAsBad(const QString &path)
    {
        const Run listed = vigil(backupArgs({QStringLiteral("list"), QStringLiteral("--json")}));
        for (const QJsonValue &v : QJsonDocument::fromJson(listed.out.toUtf8()).array())
            if (v.toObject().value(QStringLiteral("path")).toString() == path)
                return v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("bad");
        qWarning("%s is not listed: %s", qPrintable(path), qPrintable(listed.out));
        return false;
    }

    QTemporaryDir m_home;
    QString m_data; ///< a data directory with a session in it

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        m_data = m_home.filePath(QStringLiteral("vigil-data"));
        const Run run =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("7"),
                   QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), m_data});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The session's close made its own daily backup (tst_cli_headless covers it); these
        // tests start from a data directory without backups.
        QCOMPARE(QDir(m_data + QStringLiteral("/backups")).entryList({QStringLiteral("*-daily.tar")}).size(), 1);
        QVERIFY(QDir(m_data + QStringLiteral("/backups")).removeRecursively());
    }

    void helpListsTheBackupCommands()
    {
        const Run h = vigil({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY2(h.out.contains(QLatin1String("backup create|list|verify|prune")), qPrintable(h.out));
        const QList<std::pair<const char *, const char *>> own{
            {"create", "--include-logs"}, {"list", "--json"}, {"verify", "checksums"}, {"prune", "--keep-daily"}};
        for (const auto &[command, text] : own) {
            const Run c = vigil({QStringLiteral("backup"), QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(c.exitCode, 0);
            QVERIFY2(c.out.startsWith(QStringLiteral("usage: vigil backup %1").arg(QLatin1String(command))),
                     qPrintable(c.out));
            QVERIFY2(c.out.contains(QLatin1String(text)), text);
        }
    }

    void createPrintsThePathLastThenListAndVerify()
    {
        const Run created = vigil(backupArgs({QStringLiteral("create"), QStringLiteral("--type"),
                                              QStringLiteral("daily"), QStringLiteral("--include-logs")}));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString path = created.lastLine();
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(created.out));
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(m_data).filePath(QStringLiteral("backups")));
        QVERIFY(path.endsWith(QStringLiteral("-daily.tar")));
        QVERIFY2(created.err.contains(QStringLiteral("verified")), qPrintable(created.err));
        QVERIFY2(created.err.contains(QStringLiteral("100%")), qPrintable(created.err)); // progress

        const Run listed = vigil(backupArgs({QStringLiteral("list"), QStringLiteral("--json")}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        const QJsonObject b = list.at(0).toObject();
        QCOMPARE(b.value(QStringLiteral("path")).toString(), path);
        QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(b.value(QStringLiteral("type")).toString(), QStringLiteral("daily"));
        QVERIFY(b.value(QStringLiteral("schema_version")).toInt() > 0);
        QVERIFY(!listed.err.contains(QStringLiteral("WARNING")));

        const Run text = vigil(backupArgs({QStringLiteral("list")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(path));
        QVERIFY(text.out.contains(QStringLiteral("verified")));

        const Run all = vigil(backupArgs({QStringLiteral("verify")}));
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY(all.out.contains(path + QStringLiteral(": verified")));
        const Run one = vigil(backupArgs({QStringLiteral("verify"), QFileInfo(path).fileName()}));
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));

        const Run pruned = vigil(backupArgs({QStringLiteral("prune"), QStringLiteral("--dry-run")}));
        QCOMPARE(pruned.exitCode, 0);
        QVERIFY(pruned.out.contains(QStringLiteral("keep")));
        QVERIFY(QFileInfo::exists(path));
    }

    void damagedBackupIsNamedAndMarkedBad()
    {
        const Run created = vigil(backupArgs({QStringLiteral("create")}));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString path = created.lastLine();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(512 + 3000); // inside the journal, the first member
            char c = 0;
            f.getChar(&c);
            f.seek(512 + 3000);
            f.putChar(static_cast<char>(c ^ 0x04));
        }
        const Run verify = vigil(backupArgs({QStringLiteral("verify"), path}));
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.err.contains(QStringLiteral("journal.sqlite"))
                     && verify.err.contains(QStringLiteral("SHA-256 expected")),
                 qPrintable(verify.err));
        QVERIFY(verify.err.contains(QStringLiteral("BAD")));
        QVERIFY(listedAsBad(path));
        QCOMPARE(vigil(backupArgs({QStringLiteral("verify")})).exitCode, 1); // one of them is bad

        const Run missing =
            vigil(backupArgs({QStringLiteral("verify"), m_home.filePath(QStringLiteral("nothing.tar"))}));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("nothing.tar")));
        QFile::remove(path);
    }

    void anythingAfterTheArchiveOrOutsideItsMembersIsRefused()
    {
        const Run created = vigil(backupArgs({QStringLiteral("create")}));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString path = created.lastLine();
        const QString journal = m_data + QStringLiteral("/journal.sqlite");
        const QByteArray journalBefore = fileSha256(journal);
        QVERIFY(!journalBefore.isEmpty());
        const qint64 backupsBefore =
            QDir(m_data + QStringLiteral("/backups")).entryList({QStringLiteral("*.tar")}).size();

        // A copy elsewhere (no record beside it) with bytes appended: the archive's end is
        // where its writer put it, so whatever follows is seen without any record.
        QRandomGenerator random(19);
        QByteArray noise(4096, Qt::Uninitialized);
        for (char &c : noise)
            c = static_cast<char>(random.bounded(256));
        for (const auto &[name, appended] : {std::pair{QStringLiteral("noise.tar"), noise},
                                             std::pair{QStringLiteral("hello.tar"), QByteArray("HELLO")}}) {
            const QString copy = m_home.filePath(name);
            QVERIFY(QFile::copy(path, copy));
            QVERIFY(appendTo(copy, appended));
            const Run verify = vigil(backupArgs({QStringLiteral("verify"), copy}));
            QCOMPARE(verify.exitCode, 1);
            QVERIFY2(verify.err.contains(QStringLiteral("%1 bytes after the archive's end").arg(appended.size())),
                     qPrintable(verify.err));
            QVERIFY(verify.err.contains(QStringLiteral("BAD")));
            const Run restore =
                vigil({QStringLiteral("restore"), copy, QStringLiteral("--yes"), QStringLiteral("--data-dir"), m_data});
            QCOMPARE(restore.exitCode, 1);
            QVERIFY2(restore.err.contains(QStringLiteral("nothing was touched"))
                         && restore.err.contains(QStringLiteral("after the archive's end")),
                     qPrintable(restore.err));
            QCOMPARE(fileSha256(journal), journalBefore);
            // No safety backup either: the refusal came before the restore's first step.
            QCOMPARE(QDir(m_data + QStringLiteral("/backups")).entryList({QStringLiteral("*.tar")}).size(),
                     backupsBefore);
            QFile::remove(copy);
            QFile::remove(copy + QStringLiteral(".verified.json"));
        }

        // The archive where it was written, with the first member's modification time
        // changed: two of its octal digits swapped, so the header's checksum (a byte sum)
        // still holds, every member matches its SHA-256 and nothing follows the end. Only
        // the record of what was written knows this is not that file.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(136)); // ustar: mtime, 12 bytes of octal digits
            QByteArray mtime = f.read(12);
            qsizetype at = 0;
            while (at + 1 < 11 && mtime.at(at) == mtime.at(at + 1))
                ++at;
            QVERIFY2(mtime.at(at) != mtime.at(at + 1), mtime.constData());
            std::swap(mtime[at], mtime[at + 1]);
            QVERIFY(f.seek(136));
            QCOMPARE(f.write(mtime), qint64(12));
        }
        const Run edited = vigil(backupArgs({QStringLiteral("verify"), path}));
        QCOMPARE(edited.exitCode, 1);
        QVERIFY2(edited.err.contains(QStringLiteral("is not the file that was written")), qPrintable(edited.err));
        const Run restore =
            vigil({QStringLiteral("restore"), path, QStringLiteral("--yes"), QStringLiteral("--data-dir"), m_data});
        QCOMPARE(restore.exitCode, 1);
        QVERIFY2(restore.err.contains(QStringLiteral("nothing was touched")), qPrintable(restore.err));
        QCOMPARE(fileSha256(journal), journalBefore);

        // Appended to where it was written: both findings, and the listing says BAD.
        QVERIFY(appendTo(path, "HELLO"));
        const Run appended = vigil(backupArgs({QStringLiteral("verify"), path}));
        QCOMPARE(appended.exitCode, 1);
        QVERIFY2(appended.err.contains(QStringLiteral("5 bytes after the archive's end"))
                     && appended.err.contains(QStringLiteral("is not the file that was written")),
                 qPrintable(appended.err));
        QVERIFY(listedAsBad(path));
        QFile::remove(path);
        QFile::remove(path + QStringLiteral(".verified.json"));
    }

    void badArgumentsExitTwo()
    {
        const QList<QStringList> cases{
            {QStringLiteral("backup")},
            {QStringLiteral("backup"), QStringLiteral("frobnicate")},
            {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--type"), QStringLiteral("weekly")},
            {QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--include-logs")},
            {QStringLiteral("backup"), QStringLiteral("verify"), QStringLiteral("a.tar"), QStringLiteral("b.tar")},
            {QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--keep-daily"), QStringLiteral("many")},
            {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--dry-run")},
            {QStringLiteral("run"), QStringLiteral("--include-logs")},
        };
        for (const QStringList &args : cases) {
            const Run r = vigil(args);
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.startsWith(QStringLiteral("vigil: ")), qPrintable(r.err));
        }
        const Run type = vigil(
            {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--type"), QStringLiteral("weekly")});
        QVERIFY(type.err.contains(QStringLiteral("'weekly'")));
    }

    void killedBackupLeavesNoBackup()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/journal.sqlite"), data + QStringLiteral("/journal.sqlite")));
        const Run killed =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data},
                  QStringLiteral("VIGIL_DRILL_CRASH_DURING_BACKUP"));
        QVERIFY2(killed.crashed, qPrintable(killed.err));
        const QStringList left =
            QDir(data + QStringLiteral("/backups")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(!left.isEmpty(), "the drill did not stop the backup half-way");
        for (const QString &name : left)
            QVERIFY2(!name.endsWith(QStringLiteral(".tar")), qPrintable(name));
        const Run listed = vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json"),
                                  QStringLiteral("--data-dir"), data});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 0);
        QVERIFY2(listed.err.contains(QStringLiteral("WARNING: no backup")), qPrintable(listed.err));
        QVERIFY2(listed.err.contains(QStringLiteral("interrupted backup")), qPrintable(listed.err));
        // The next backup is whole.
        const Run again =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(QFileInfo(again.lastLine()).isFile());
    }

    void configurationBrokenStillBacksUp()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/journal.sqlite"), data + QStringLiteral("/journal.sqlite")));
        const QString config = dir.filePath(QStringLiteral("broken.toml"));
        QVERIFY(writeFile(config, "[simulator]\nspeed = \"fast\"\n"));
        const Run created =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--config"), config,
                   QStringLiteral("--data-dir"), data, QStringLiteral("--type"), QStringLiteral("pre-restore")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY2(created.err.contains(QStringLiteral("not valid")), qPrintable(created.err));
        QVERIFY(created.lastLine().endsWith(QStringLiteral("-pre-restore.tar")));
        // Without --data-dir, the broken file cannot say where the data is.
        const Run refused =
            vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--config"), config});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains(QStringLiteral("--data-dir")));
    }

    void restoreDryRunConfirmationAndYes()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const auto run = [&](const QString &day) {
            return vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                          QStringLiteral("5"), QStringLiteral("--date"), day, QStringLiteral("--data-dir"), data});
        };
        QCOMPARE(run(QStringLiteral("2026-11-19")).exitCode, 0);
        const Run created =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString backup = created.lastLine();
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const qint64 fillsAtBackup = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills"));
        QCOMPARE(run(QStringLiteral("2026-11-20")).exitCode, 0); // the next day
        const qint64 fillsNow = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills"));
        QVERIFY(fillsNow > fillsAtBackup);
        const QStringList restore{QStringLiteral("restore"), backup, QStringLiteral("--data-dir"), data};

        const Run dry = vigil(restore + QStringList{QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(QStringLiteral("%1 fills").arg(fillsNow))
                     && dry.out.contains(QStringLiteral("%1 fills").arg(fillsAtBackup)),
                 qPrintable(dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("replace")));
        QVERIFY(dry.out.contains(QStringLiteral("nothing was changed")));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), fillsNow);

        const Run declined = vigil(restore, {}, "no\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY2(declined.err.contains(QStringLiteral("not confirmed")), qPrintable(declined.err));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), fillsNow);

        const Run restored = vigil(restore + QStringList{QStringLiteral("--yes")});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), fillsAtBackup);
        QVERIFY(restored.out.contains(QStringLiteral("safety backup")));
        const Run verify =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
        const Run listed =
            vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--data-dir"), data});
        QVERIFY(listed.out.contains(QStringLiteral("pre-restore")));

        for (const QStringList &bad :
             {QStringList{QStringLiteral("restore")},
              QStringList{QStringLiteral("restore"), backup, QStringLiteral("extra")},
              QStringList{QStringLiteral("restore"), backup, QStringLiteral("--only"), QStringLiteral("logs")},
              QStringList{QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--yes")}}) {
            const Run r = vigil(bad);
            QVERIFY2(r.exitCode == 2, qPrintable(bad.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
        }
        const Run missing = vigil({QStringLiteral("restore"), dir.filePath(QStringLiteral("none.tar")),
                                   QStringLiteral("--yes"), QStringLiteral("--data-dir"), data});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("none.tar")));
    }

    void fullRestoreOnAFreshMachineResumesWithTheSameBooks()
    {
        QTemporaryDir dir;
        const QString original = dir.filePath(QStringLiteral("original"));
        const QString fresh = dir.filePath(QStringLiteral("fresh"));
        const QString config = dir.filePath(QStringLiteral("vigil.toml"));
        QVERIFY(writeFile(config, "[simulator]\nspeed = 120\n"));
        auto run = [&](const QString &data, const QString &summary) {
            return vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--config"), config,
                          QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--date"),
                          QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data,
                          QStringLiteral("--summary-json"), summary});
        };
        QVERIFY(run(original, dir.filePath(QStringLiteral("first.json"))).exitCode == 0);
        const Run created = vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--config"),
                                   config, QStringLiteral("--data-dir"), original});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));

        // The machine is lost: a new data directory, no configuration, only the backup file.
        const QString moved = dir.filePath(QStringLiteral("kept-elsewhere.tar"));
        QVERIFY(QFile::copy(created.lastLine(), moved));
        const QString newConfig = dir.filePath(QStringLiteral("new-home/vigil.toml"));
        const Run restored = vigil({QStringLiteral("restore"), moved, QStringLiteral("--yes"),
                                    QStringLiteral("--config"), newConfig, QStringLiteral("--data-dir"), fresh});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err + restored.out));
        QCOMPARE(vigil({QStringLiteral("config"), QStringLiteral("check"), newConfig}).exitCode, 0);
        const QString query =
            QStringLiteral("SELECT client_order_id, execution_id, qty, price FROM fills ORDER BY seq");
        QCOMPARE(rows(fresh + QStringLiteral("/journal.sqlite"), query),
                 rows(original + QStringLiteral("/journal.sqlite"), query));

        // Both resume the day from their journal and report the same books.
        const Run again = run(original, dir.filePath(QStringLiteral("original-again.json")));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const Run resumed = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--config"),
                                   newConfig, QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--date"),
                                   QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), fresh,
                                   QStringLiteral("--summary-json"), dir.filePath(QStringLiteral("fresh.json"))});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("resuming the session from the journal")),
                 qPrintable(resumed.err));
        QFile a(dir.filePath(QStringLiteral("original-again.json"))), b(dir.filePath(QStringLiteral("fresh.json")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray summary = a.readAll();
        QVERIFY(!summary.isEmpty());
        QCOMPARE(b.readAll(), summary);
    }

    void aDeletedJournalIsRefusedUntilRestored()
    {
        // Disaster B: the journal is gone from a data directory that has been traded on. A
        // start must not begin a new, empty journal beside the broker's books.
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run{
            QStringLiteral("run"),    QStringLiteral("--headless"), QStringLiteral("--seed"),     QStringLiteral("5"),
            QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data};
        const Run first = vigil(run);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const qint64 fills = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills"));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(journal + suffix);

        const Run refused = vigil(run);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("journal.sqlite is missing")), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("paper-broker.sqlite")), qPrintable(refused.err));
        QVERIFY(!QFile::exists(journal)); // nothing was started, nothing created

        // The close's daily backup brings it back, and the day resumes with its books.
        const QStringList daily = QDir(data + QStringLiteral("/backups")).entryList({QStringLiteral("*-daily.tar")});
        QCOMPARE(daily.size(), 1);
        const Run restored = vigil({QStringLiteral("restore"), data + QStringLiteral("/backups/") + daily.front(),
                                    QStringLiteral("--only"), QStringLiteral("journal"), QStringLiteral("--yes"),
                                    QStringLiteral("--data-dir"), data});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), fills);
        const Run again = vigil(run);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("resuming the session from the journal")), qPrintable(again.err));
    }

    void migrationIsPrecededByABackup()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        {
            QCOMPARE(vigil::openJournalDatabase(journal, QStringLiteral("v1")), QString());
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("v1"));
            QCOMPARE(vigil::migrateJournal(db, 1), QString());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        const Run run =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("3"),
                   QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("migrated from version 1")), qPrintable(run.err));
        QCOMPARE(scalar(journal, QStringLiteral("PRAGMA user_version")), qint64(vigil::kJournalSchemaVersion));
        const Run listed = vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json"),
                                  QStringLiteral("--data-dir"), data});
        // The pre-migration backup of the old journal, and the close's daily backup.
        const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(list.size(), 2);
        QJsonObject before;
        for (const QJsonValue &v : list)
            if (v.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("pre-migration"))
                before = v.toObject();
        QCOMPARE(before.value(QStringLiteral("schema_version")).toInt(), 1);
        QCOMPARE(before.value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        // The journal is current now: the next start makes no backup.
        const Run again =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("3"),
                   QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(!again.err.contains(QStringLiteral("backed up first")));
        QCOMPARE(QDir(data + QStringLiteral("/backups")).entryList({QStringLiteral("*-pre-migration.tar")}).size(), 1);
    }

    void staleBackupsAreWarnedAboutAndPruned()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/journal.sqlite"), data + QStringLiteral("/journal.sqlite")));
        const QStringList onData{QStringLiteral("--data-dir"), data};
        const Run created = vigil(QStringList{QStringLiteral("backup"), QStringLiteral("create"),
                                              QStringLiteral("--type"), QStringLiteral("daily")}
                                  + onData);
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        // The same backup as if it had been taken two and three days ago, and nothing since.
        const QString backups = data + QStringLiteral("/backups");
        QStringList old;
        for (int days : {2, 3}) {
            const QString name = QStringLiteral("vigil-backup-%1Z-daily.tar")
                                     .arg(QDateTime::currentDateTimeUtc().addDays(-days).toString(
                                         QStringLiteral("yyyyMMdd'T'HHmmsszzz")));
            QVERIFY(QFile::copy(created.lastLine(), backups + QLatin1Char('/') + name));
            old << backups + QLatin1Char('/') + name;
        }
        QVERIFY(QFile::remove(created.lastLine()));
        QVERIFY(QFile::remove(created.lastLine() + QStringLiteral(".verified.json")));
        const Run unverified = vigil(QStringList{QStringLiteral("backup"), QStringLiteral("list")} + onData);
        QVERIFY2(unverified.err.contains(QStringLiteral("WARNING: no verified backup")), qPrintable(unverified.err));
        QCOMPARE(vigil(QStringList{QStringLiteral("backup"), QStringLiteral("verify")} + onData).exitCode, 0);
        const Run stale = vigil(QStringList{QStringLiteral("backup"), QStringLiteral("list")} + onData);
        QVERIFY2(stale.err.contains(QStringLiteral("WARNING: the newest verified backup is 2 days old")),
                 qPrintable(stale.err));

        // Retention from the command line: with nothing to keep, the newest verified stays.
        const Run pruned =
            vigil(QStringList{QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--keep-daily"),
                              QStringLiteral("0"), QStringLiteral("--keep-weekly"), QStringLiteral("0"),
                              QStringLiteral("--keep-monthly"), QStringLiteral("0")}
                  + onData);
        QVERIFY2(pruned.exitCode == 0, qPrintable(pruned.err));
        QVERIFY(QFile::exists(old[0]));
        QVERIFY(!QFile::exists(old[1]));
        QVERIFY(!QFile::exists(old[1] + QStringLiteral(".verified.json")));
        QVERIFY2(pruned.out.contains(QStringLiteral("the newest verified backup")), qPrintable(pruned.out));
    }

    void configuredPlaceAndRetentionAreUsedEverywhere()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString offsite = dir.filePath(QStringLiteral("offsite/vigil"));
        const QString config = dir.filePath(QStringLiteral("vigil.toml"));
        QVERIFY(writeFile(config,
                          QStringLiteral("[backup]\ndir = \"%1\"\nkeep_daily = 0\nkeep_weekly = 0\nkeep_monthly = 0\n")
                              .arg(offsite)
                              .toUtf8()));
        const QStringList withConfig{QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data};

        // A headless day: its daily backup goes to the configured place, and the end-of-day
        // checklist finds it there (it would fail the run looking in DATA_DIR/backups).
        const Run day = vigil(QStringList{QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                                          QStringLiteral("7"), QStringLiteral("--date"), QStringLiteral("2026-11-20")}
                              + withConfig);
        QVERIFY2(day.exitCode == 0, qPrintable(day.err));
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/backups")));
        const QStringList daily = QDir(offsite).entryList({QStringLiteral("*-daily.tar")});
        QCOMPARE(daily.size(), 1);
        QVERIFY2(vigil(QStringList{QStringLiteral("check"), QStringLiteral("eod")} + withConfig).exitCode == 0,
                 "the end-of-day checklist should see the daily backup in the configured place");

        // The commands: create writes there, list reads there.
        const Run created = vigil(QStringList{QStringLiteral("backup"), QStringLiteral("create")} + withConfig);
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY2(created.lastLine().startsWith(offsite + QLatin1Char('/')), qPrintable(created.lastLine()));
        const Run listed =
            vigil(QStringList{QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json")} + withConfig);
        QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 2);

        // Retention: two older daily backups. --keep-* overrides the configuration; without
        // them the configuration's zeros keep only the newest verified backup.
        QStringList old;
        for (int days : {2, 3}) {
            const QString name = QStringLiteral("vigil-backup-%1Z-daily.tar")
                                     .arg(QDateTime::currentDateTimeUtc().addDays(-days).toString(
                                         QStringLiteral("yyyyMMdd'T'HHmmsszzz")));
            QVERIFY(QFile::copy(offsite + QLatin1Char('/') + daily.first(), offsite + QLatin1Char('/') + name));
            old << offsite + QLatin1Char('/') + name;
        }
        QCOMPARE(vigil(QStringList{QStringLiteral("backup"), QStringLiteral("verify")} + withConfig).exitCode, 0);
        const Run overridden =
            vigil(QStringList{QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dry-run"),
                              QStringLiteral("--keep-daily"), QStringLiteral("30")}
                  + withConfig);
        QVERIFY2(overridden.exitCode == 0, qPrintable(overridden.err));
        for (const QString &file : old)
            QVERIFY2(overridden.out.contains(QStringLiteral("keep    ") + file), qPrintable(overridden.out));
        const Run pruned = vigil(QStringList{QStringLiteral("backup"), QStringLiteral("prune")} + withConfig);
        QVERIFY2(pruned.exitCode == 0, qPrintable(pruned.err));
        for (const QString &file : old)
            QVERIFY2(!QFileInfo::exists(file), qPrintable(pruned.out));
        QVERIFY(QFileInfo::exists(created.lastLine()));
    }

    void restoreKilledDuringTheSwapIsFinishedAtTheNextStart()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString broker = data + QStringLiteral("/paper-broker.sqlite");
        const QString journalFills =
            QStringLiteral("SELECT client_order_id || '/' || execution_id FROM fills ORDER BY 1");
        const QString brokerFills =
            QStringLiteral("SELECT client_order_id || '/' || execution_id FROM executions ORDER BY 1");
        auto run = [&](const QString &day) {
            return vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                          QStringLiteral("5"), QStringLiteral("--date"), day, QStringLiteral("--data-dir"), data});
        };
        QCOMPARE(run(QStringLiteral("2026-11-19")).exitCode, 0);
        const Run created =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QStringList fillsAtBackup = rows(journal, journalFills);
        QCOMPARE(rows(broker, brokerFills), fillsAtBackup);
        QCOMPARE(run(QStringLiteral("2026-11-20")).exitCode, 0);
        QVERIFY(rows(journal, journalFills).size() > fillsAtBackup.size());

        // Killed once the journal is in place and before the broker's file is.
        const Run killed = vigil({QStringLiteral("restore"), created.lastLine(), QStringLiteral("--yes"),
                                  QStringLiteral("--data-dir"), data},
                                 QStringLiteral("VIGIL_DRILL_CRASH_DURING_RESTORE"));
        QCOMPARE(killed.exitCode, 86);
        QCOMPARE(rows(journal, journalFills), fillsAtBackup);
        QVERIFY(rows(broker, brokerFills).size() > fillsAtBackup.size());           // the mix a crash leaves ...
        QVERIFY(QFile::exists(data + QStringLiteral("/restore-in-progress.json"))); // ... with its plan

        // The next start finishes the swap before it opens anything.
        const Run resumed = run(QStringLiteral("2026-11-19"));
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("finished a restore that had been interrupted")),
                 qPrintable(resumed.err));
        QVERIFY(!QFile::exists(data + QStringLiteral("/restore-in-progress.json")));
        QCOMPARE(rows(journal, journalFills), fillsAtBackup);
        QCOMPARE(rows(broker, brokerFills), fillsAtBackup);
        const Run verify =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
    }
};

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
