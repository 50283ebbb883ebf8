#include "api/BackupManifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace vigil {

namespace {
struct Named {
    const char *text;
    int value;
};
constexpr Named kTypes[] = {{"daily", int(BackupType::Daily)},
                            {"pre-restore", int(BackupType::PreRestore)},
                            {"pre-migration", int(BackupType::PreMigration)},
                            {"manual", int(BackupType::Manual)},
                            {"intraday", int(BackupType::Intraday)}};
constexpr Named kRoles[] = {{"journal", int(MemberRole::Journal)},
                            {"broker", int(MemberRole::Broker)},
                            {"config", int(MemberRole::Config)},
                            {"log", int(MemberRole::Log)}};

template<typename Enum, std::size_t N> QString textOf(const Named (&table)[N], Enum value)
{
    for (const Named &n : table)
        if (n.value == int(value))
            return QString::fromLatin1(n.text);
    return {};
}

template<typename Enum, std::size_t N> std::optional<Enum> valueOf(const Named (&table)[N], const QString &text)
{
    for (const Named &n : table)
        if (text == QLatin1String(n.text))
            return Enum(n.value);
    return std::nullopt;
}
} // namespace

QString backupTypeText(BackupType type) { return textOf(kTypes, type); }
std::optional<BackupType> backupTypeFromText(const QString &text) { return valueOf<BackupType>(kTypes, text); }
QString memberRoleText(MemberRole role) { return textOf(kRoles, role); }
std::optional<MemberRole> memberRoleFromText(const QString &text) { return valueOf<MemberRole>(kRoles, text); }

QString isoUtc(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }

const ManifestMember *BackupManifest::member(const QString &name) const
{
    for (const ManifestMember &m : members)
        if (m.name == name)
            return &m;
    return nullptr;
}

QJsonObject BackupManifest::toJson() const
{
    QJsonArray list;
    for (const ManifestMember &m : members)
        list.append(QJsonObject{{QStringLiteral("name"), m.name},
                                {QStringLiteral("role"), memberRoleText(m.role)},
                                {QStringLiteral("origin"), m.origin},
                                {QStringLiteral("size"), static_cast<qint64>(m.size)},
                                {QStringLiteral("sha256"), QString::fromLatin1(m.sha256.toHex())}});
    QJsonObject json{{QStringLiteral("format"), QStringLiteral("vigil-backup")},
                     {QStringLiteral("format_version"), formatVersion},
                     {QStringLiteral("id"), id},
                     {QStringLiteral("created_at"), isoUtc(createdAt)},
                     {QStringLiteral("type"), backupTypeText(type)},
                     {QStringLiteral("app_version"), appVersion},
                     {QStringLiteral("schema_version"), schemaVersion},
                     {QStringLiteral("data_dir"), dataDir},
                     {QStringLiteral("members"), list}};
    if (auditHeadId)
        json.insert(QStringLiteral("audit_head"),
                    QJsonObject{{QStringLiteral("id"), static_cast<qint64>(*auditHeadId)},
                                {QStringLiteral("hash"), QString::fromLatin1(auditHeadHash.toHex())}});
    return json;
}

QByteArray BackupManifest::toBytes() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Indented); }

std::optional<BackupManifest> BackupManifest::fromJson(const QJsonObject &json, QString &error)
{
    BackupManifest m;
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("vigil-backup")) {
        error = QStringLiteral("not a Vigil backup manifest (no \"format\": \"vigil-backup\")");
        return std::nullopt;
    }
    m.formatVersion = json.value(QStringLiteral("format_version")).toInt(-1);
    if (m.formatVersion < 1 || m.formatVersion > kBackupFormatVersion) {
        error = QStringLiteral("manifest format version %1 is not one this build reads (up to %2)")
                    .arg(m.formatVersion)
                    .arg(kBackupFormatVersion);
        return std::nullopt;
    }
    m.id = json.value(QStringLiteral("id")).toString();
    m.createdAt = QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    const std::optional<BackupType> type = backupTypeFromText(json.value(QStringLiteral("type")).toString());
    m.appVersion = json.value(QStringLiteral("app_version")).toString();
    m.schemaVersion = json.value(QStringLiteral("schema_version")).toInt(-1);
    m.dataDir = json.value(QStringLiteral("data_dir")).toString();
    if (m.id.isEmpty() || !m.createdAt.isValid() || !type || m.schemaVersion < 0) {
        error = QStringLiteral("manifest lacks a valid id, created_at, type or schema_version");
        return std::nullopt;
    }
    m.type = *type;
    if (json.contains(QStringLiteral("audit_head"))) {
        const QJsonObject head = json.value(QStringLiteral("audit_head")).toObject();
        const qint64 headId = head.value(QStringLiteral("id")).toInteger(-1);
        const QString hex = head.value(QStringLiteral("hash")).toString();
        m.auditHeadHash = QByteArray::fromHex(hex.toLatin1());
        if (headId < 0 || (headId == 0) != hex.isEmpty()
            || (headId > 0 && (hex.size() != 64 || m.auditHeadHash.size() != 32))) {
            error = QStringLiteral("manifest's audit_head is not a record number with its 64-digit hash");
            return std::nullopt;
        }
        m.auditHeadId = headId;
    }
    for (const QJsonValue &v : json.value(QStringLiteral("members")).toArray()) {
        const QJsonObject o = v.toObject();
        ManifestMember member;
        member.name = o.value(QStringLiteral("name")).toString();
        const std::optional<MemberRole> role = memberRoleFromText(o.value(QStringLiteral("role")).toString());
        member.origin = o.value(QStringLiteral("origin")).toString();
        member.size = o.value(QStringLiteral("size")).toInteger(-1);
        const QString hex = o.value(QStringLiteral("sha256")).toString();
        member.sha256 = QByteArray::fromHex(hex.toLatin1());
        if (member.name.isEmpty() || !role || member.size < 0 || member.sha256.size() != 32 || hex.size() != 64) {
            error = QStringLiteral("manifest member '%1' lacks a valid role, size or sha256").arg(member.name);
            return std::nullopt;
        }
        if (m.member(member.name)) {
            error = QStringLiteral("manifest names member '%1' twice").arg(member.name);
            return std::nullopt;
        }
        member.role = *role;
        m.members.push_back(member);
    }
    return m;
}

std::optional<BackupManifest> BackupManifest::fromBytes(const QByteArray &bytes, QString &error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (!doc.isObject()) {
        error = QStringLiteral("manifest is not valid JSON (%1 at offset %2)")
                    .arg(parseError.errorString())
                    .arg(parseError.offset);
        return std::nullopt;
    }
    return fromJson(doc.object(), error);
}

} // namespace vigil
