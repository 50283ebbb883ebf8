<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertCommands</name>
    <message>
        <source>%1: not sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a test alert from Vigil on %1: if you read this, the %2 channel works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: failed after %2 ms: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: delivered in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts test: no channel is enabled in [alerts] of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the built-in defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts test: the %1 channel is not enabled in [alerts]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password (not shown): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhook token (not shown): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts set-secret: nothing was given: type the secret, or give it as standard input&apos;s first line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts set-secret: the %1 secret was not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored the %1 secret in the OS keyring (service vigil, entry alerts-%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts: note: %1 is set in this environment and is used instead of the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil alerts delete-secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keyring holds no %1 secret of Vigil&apos;s now (entry alerts-%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 alert channel cannot start: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>delivery trouble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alert(s) could not be delivered by the %2 channel: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alert(s) were dropped from the %2 channel&apos;s full queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undelivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalated, not acknowledged for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the alert outbox %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 channel is no longer configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1 in the environment instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the e-mail channel logs in as %1 but has no password: store it with vigil alerts set-secret email, or set %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the webhook url has {token} but no token is stored: store it with vigil alerts set-secret webhook, or set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret must be 1 to 4096 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret must be one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: Vigil is shutting down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirected more than 3 times (a redirect loop?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libcurl could not make a handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhook %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhook %1 answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not offer STARTTLS, and alerts are never mailed in the clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the login of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail via %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <source>%1: the audit trail is broken at record %2 (%3 record(s) before it hold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 audit records, each chained to the one before; the last is %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 order events and fills, in audit records&apos; ranges; %2 orders&apos; state compared with their last order event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 order events and fills were written before the audit trail existed (schema version &lt; 3): no record covers them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  no anchor found: nothing proves the chain was not cut short at its end (check it against a head kept elsewhere with --anchor ID:HASH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  anchors checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the audit trail does NOT hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the audit trail holds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>the journal in this backup has schema version %1, newer than this build&apos;s %2: it cannot be restored here; restore it with the Vigil that wrote it (%3) or a newer one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal has schema version %1, older than this build&apos;s %2: a restore migrates it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged or is not a backup archive: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no scratch directory to check the journal in: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged or truncated %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at its first member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member name &apos;%2&apos; is not a plain relative path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot extract member %2 to check it: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged or truncated in member %2 (%3 of %4 bytes read): %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 is larger than any manifest (%3 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write member %2 to %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read to its end: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 bytes after the archive&apos;s end (it ends at byte %3 of %4): something was appended after it was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not the file that was written: %2 bytes with SHA-256 %3 then, %4 bytes with SHA-256 %5 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no %2: the archive is truncated or is not a Vigil backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is unreadable: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2, listed in the manifest, is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 has %3 bytes, the manifest says %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 was changed or damaged: SHA-256 expected %3, actual %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 is not in the manifest (added after the backup was written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: member %2 has schema version %3, the manifest says %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the manifest gives schema version %2 but the backup holds no journal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupCommands</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>vigil backup: %1 backup %2 verified: %n member(s), %3, journal schema version %4</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: WARNING: no backup in %1: make one now with &apos;vigil backup create&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: WARNING: no verified backup in %1: run &apos;vigil backup verify&apos; or make a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: WARNING: the newest verified backup is %1 old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: %1 was left by an interrupted backup; &apos;vigil backup prune&apos; removes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: no backup in %1 to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil backup: %1: BAD</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: verified (%n member(s), journal schema version %2, taken %3)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>keep    %1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would delete  %1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted %1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted %1  (left by an interrupted backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 orders, %2 fills, %3 open positions at the last checkpoint, last session %4, schema version %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup %1: %2, taken %3 (%4 ago: what the restored files lose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  unchanged  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  replace    %1  (from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  create     %1  (from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>journal now:       %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>journal restored:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: VIGIL_DRILL_CRASH_DURING_RESTORE must be a positive whole number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore these files? A safety backup of the current state is taken first. Type &apos;yes&apos; to go on: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored from %1; start vigil to reconcile with the broker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BotCommands</name>
    <message>
        <source>vigil bot: not recorded in the audit trail: %1 (%2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot: %1 holds no journal yet, so no audit trail to record this in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot add: &apos;%1&apos; is not a bot name: 1 to 32 characters among a-z, 0-9 and &apos;_&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot: warning: the configuration is not valid, so its [[bots]] were not checked for &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot: warning: the configuration (%1) has no [[bots]] entry named &apos;%2&apos;: the gateway accepts the key once one is added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot add: the key %1 was revoked again: it could not be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot:       %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key id:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is shown this once and will not be shown again: Vigil keeps only a hash of it. Give both to the bot (APCA_API_KEY_ID, APCA_API_SECRET_KEY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no bot keys in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil bot revoke: no key in force has the bot name or key id &apos;%1&apos; (vigil bot list shows them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>revoked %n key(s) of &apos;%1&apos;: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bots</name>
    <message>
        <source>bot %1 is back: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its orders and positions are left as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it trades no strategy here: nothing to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot %1 lost (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerCommands</name>
    <message numerus="yes">
        <source>%1… (%n characters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Alpaca %1 key id: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker set-keys: no key id: give the key id, then the secret, each on a line of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpaca %1 secret (not shown): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker set-keys: no secret: give the key id, then the secret, each on a line of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker set-keys: the %1 keys were not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored the %1 keys in the OS keyring (service vigil, entry alpaca-%1): key id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker: note: APCA_API_KEY_ID or APCA_API_SECRET_KEY is set in this environment; where set, the variables are used instead of the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys: environment (APCA_API_KEY_ID, APCA_API_SECRET_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys: keyring (service vigil, entry alpaca-%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker delete-keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keyring holds no %1 keys of Vigil&apos;s now (entry alpaca-%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker: note: APCA_API_KEY_ID or APCA_API_SECRET_KEY is still set in this environment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrokerKeys</name>
    <message>
        <source>%1 is set but %2 is not: set both, or neither to use the OS keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 keys: neither in the OS keyring (vigil broker set-keys --environment %1) nor in APCA_API_KEY_ID and APCA_API_SECRET_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keyring&apos;s entry %1 of service vigil is not a key pair Vigil stored; store the keys again with vigil broker set-keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key id must be 1 to 512 printable characters without spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret must be 1 to 512 printable characters without spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>%1 items: %2 pass, %3 warn, %4 fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no engine is running on this data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component heartbeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every component up, heartbeat &lt; %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the engine reported no components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 silent %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 components, oldest heartbeat %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market is not open: ages are not judged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market data connected and fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected, last message &lt; %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected, last message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DISCONNECTED, last message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market-data feed is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feed is stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free disk space on the data volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&gt; %1 % free (warn below %2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data volume&apos;s size could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % free (%2 GB of %3 GB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free space on %1 before the journal cannot grow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and warnings since the last session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (any is shown as a warning to review)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal&apos;s alerts could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 critical, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no earlier session: counted over the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since the close of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; review them in the Alerts panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker account active and not blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active, trading not blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker did not report its account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT ACTIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, TRADING BLOCKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, buying power %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, cash %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, pattern day trader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker refuses orders on this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged pattern day trader: day trades need the margin for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk limits in force, kill switch armed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limits enforced, kill triggers armed, not latched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 limits, %2 kill triggers armed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, KILL SWITCH LATCHED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reset it (resume with an acknowledgement) once the cause is understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading without limits or without the automatic kill switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overnight gaps on held positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; %1 % from the previous close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held, none gapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price to compare yet for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the news before the strategies trade them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading not paused unless on purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACTIVE, or stopped by a person with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kill switch is latched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped automatically: find out why before resuming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped on purpose; resume when that purpose is served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deployed &lt; %1 days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 undated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 days old: review it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record when each went live (strategies.*.deployed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no strategy enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last verified backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>younger than %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backups directory could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, %1 BAD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no verified backup exists: make one now (File &gt; Back up now, or vigil backup create)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data-loss window is longer than the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 backup(s) failed verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intraday strategies flat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no open intraday position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the positions could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flatten the strategy before leaving it overnight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily report generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the day&apos;s PDF exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no report at %1 (vigil report, or File &gt; Export daily report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 KB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup made and verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a verified daily backup younger than %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the day&apos;s backup has not been made (vigil backup create --type daily)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation run and clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a complete run after the close, no difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run it: vigil ctl reconcile, or Reconcile now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session has not closed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker&apos;s statement could not be compared in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve each difference in the Reconciliation panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the newest verified backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest verified backup holds no logs (vigil backup create --include-logs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Vigil: the operator console for automated trading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration file (TOML).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the engine writes its data (default: the user&apos;s data directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run without a window (with &apos;run&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator seed (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the session summary here (headless).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the console to this PNG file and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long to run before the screenshot (default 3000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[command]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; after &apos;run&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil config check FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--headless goes with &apos;run&apos;: vigil run --headless ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs the console; it does not go with --headless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--summary-json goes with &apos;run --headless&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed: &apos;%1&apos; is not a whole number from 0 to 18446744073709551615</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--speed: &apos;%1&apos; is neither &apos;max&apos; nor a factor above 0 and up to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--date: &apos;%1&apos; is not a date in the form YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot-after-ms: &apos;%1&apos; is not a number of milliseconds from 0 to 3600000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated seconds per second, or &apos;max&apos; (default: &apos;max&apos; headless, the configuration&apos;s in the console).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil journal verify [--data-dir DIR]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl maintenance enter --message TEXT | vigil ctl maintenance exit --reason TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl enable STRATEGY --reason TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl: unknown command &apos;%1&apos;; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl %1: unexpected argument &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 does not go with &apos;vigil ctl %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl maintenance enter: --message TEXT (the banner) is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl %1: --reason TEXT is required (it goes in the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl flatten: --strategy or --symbol, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl flatten: --strategy and --symbol need a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout: &apos;%1&apos; is not a number of seconds from 0 to 3600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl: why (recorded in the audit trail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl resume: what you acknowledge about the halt or kill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl maintenance enter: the banner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl flatten: only this strategy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl flatten: only this symbol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sym</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl: print the answer as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl flatten: seconds to wait for the broker to confirm flat (default 60; 0: do not wait).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 goes with &apos;vigil %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 does not go with &apos;vigil %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from, --to and --out go with &apos;vigil audit export&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export: --%1 needs a day in the form YYYY-MM-DD%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export: --out FILE.csv is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export: --to %1 is before --from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil audit verify | vigil audit export --from DAY --to DAY --out FILE.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup create|list|verify [BACKUP]|prune (see vigil --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backups-dir needs a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup: unknown command &apos;%1&apos;; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup %1: unexpected argument &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 does not go with &apos;vigil backup %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is not a whole number from 0 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup create: also the logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup prune, restore: say what would happen, change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore: only the configuration or only the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config|journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore: do not ask (every safety step still runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil restore BACKUP [--dry-run] [--only config|journal] [--yes]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore: unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--only: &apos;%1&apos; is neither &apos;config&apos; nor &apos;journal&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl unblock SYMBOL --reason TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl drill broker-manual-close|broker-cancel-order|broker-manual-order|broker-manual-trade|broker-disconnect|broker-error-burst|feed-silence [--symbol S] [--order ID] [--amount N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl drill: no drill named &apos;%1&apos;; the drills are broker-manual-close, broker-cancel-order, broker-manual-order, broker-manual-trade, broker-disconnect, broker-error-burst and feed-silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl drill: --symbol or --order, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--amount: &apos;%1&apos; is not a number from 1 to 3600 (seconds, or orders for broker-error-burst)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl drill broker-cancel-order: the client order id to cancel (default: the oldest working).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl drill: seconds (broker-disconnect, feed-silence; default 30), orders (broker-error-burst; default 5) or shares (broker-manual-trade; default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading day to simulate (default: today in New York); report: the day to report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: --out needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil check premarket|eod [--json]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup: where backups are kept (default: [backup] dir, else DATA_DIR/backups).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup prune: days of daily backups kept (default: [backup] keep_daily, 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup prune: weeks kept (default: [backup] keep_weekly, 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup prune: months kept (default: [backup] keep_monthly, 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--type: &apos;%1&apos; is not one of daily, pre-restore, pre-migration, manual, intraday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup create: daily, pre-restore, pre-migration, intraday or manual (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit verify: an audit head kept elsewhere, which the chain must hold (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID:HASH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit verify: --anchor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 goes with &apos;vigil audit verify&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it
                       exists, else the built-in defaults)
  --data-dir DIR       the data directory, which must exist (default: the
                       configuration&apos;s [paths] data_dir, else the user&apos;s data directory)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil                                  the console, a simulated day at 60x
  vigil ctl --help                       the ctl verbs
  vigil ctl drill --help                 the drills and their options
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil config check FILE

Validates a configuration file: every key, type and range. Each error names the file,
line, key and reason. Exit status: 0 valid, 1 not valid or not readable.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil config check my-vigil.toml
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil journal verify [options]

Checks the journal&apos;s integrity and invariants: SQLite integrity, every order&apos;s fills
against its state, position checkpoints against the fills. Each problem is listed.
Exit status: 0 sound, 1 a problem or no journal, 2 bad arguments.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil journal verify --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil audit verify [--anchor ID:HASH]... [--json] [--backups-dir DIR] [options]
       vigil audit export --from DAY --to DAY --out FILE.csv [options]

verify: checks the audit trail&apos;s hash chain, that it covers every order event and
fill, and that it still holds every copy of its head: the anchor file beside the
journal, each backup&apos;s manifest and each --anchor. export: the records of those days.
More: vigil audit verify --help, vigil audit export --help.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil audit verify --data-dir /tmp/vigil
  vigil audit export --from 2026-11-20 --to 2026-11-20 --out audit.csv --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil audit verify [--anchor ID:HASH]... [--json] [--backups-dir DIR] [options]

Checks the audit trail&apos;s hash chain, that it covers every order event and fill, that
each order&apos;s state matches its last event, and that the chain still holds the head
kept in the anchor file beside the journal, in every backup&apos;s manifest and in each
--anchor (a hash from a daily report, say). Exit status: 0 it holds, 1 it does not.

Options:
  --anchor ID:HASH     an audit head kept elsewhere, which the chain must hold
                       (repeatable)
  --json               print the result as JSON
  --backups-dir DIR    the backups whose manifests are checked (default: [backup]
                       dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil audit verify --data-dir /tmp/vigil
  vigil audit verify --json --backups-dir /mnt/backups --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil audit export --from DAY --to DAY --out FILE.csv [options]

Writes the audit records of the days from DAY to DAY (YYYY-MM-DD) as CSV. The folder
of FILE.csv must exist. Exit status: 0 written, 1 failed, 2 bad arguments.

Options:
  --from DAY           the first day
  --to DAY             the last day
  --out FILE.csv       the file to write
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil audit export --from 2026-11-20 --to 2026-11-20 --out audit.csv --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl status --json --data-dir /tmp/vigil
  vigil ctl pause --reason &quot;FOMC at 14:00&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl status --data-dir /tmp/vigil
  vigil ctl status --json --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl pause --reason TEXT [options]

Pauses trading: reduce-only, exits and risk-reducing orders only. Resume with
&apos;vigil ctl resume&apos;.

Options:
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl pause --reason &quot;FOMC at 14:00&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl halt --reason TEXT [options]

Halts trading: no new orders, working orders cancelled; positions stay. Resuming
needs an acknowledgement (vigil ctl resume --ack).

Options:
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl halt --reason &quot;broker outage&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl kill --reason TEXT [options]

The kill switch: halts trading and flattens every position. It stays latched until an
operator resets it (vigil ctl resume --ack).

Options:
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl kill --reason &quot;runaway strategy&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl resume --reason &quot;broker back&quot; --ack &quot;positions checked&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl flatten [--strategy NAME | --symbol SYM] --reason TEXT [--timeout S]
                         [options]

Closes positions at the market (everything, one strategy&apos;s or one symbol&apos;s) and
waits until the broker&apos;s fills confirm flat. Flattening everything pauses an ACTIVE
session first.

Options:
  --strategy NAME      only this strategy&apos;s positions
  --symbol SYM         only this symbol
  --reason TEXT        why (recorded in the audit trail); required
  --timeout S          seconds to wait for flat (default 60; 0: do not wait)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl flatten --symbol AAPL --reason &quot;earnings&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl maintenance enter --message TEXT [--reason TEXT] [options]
       vigil ctl maintenance exit --reason TEXT [options]

Planned work: trading stops and the console shows the banner until maintenance
ends; exit returns to the state it was entered from.

Options:
  --message TEXT       enter: the banner; required
  --reason TEXT        why (recorded in the audit trail); required to exit
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl maintenance enter --message &quot;upgrade until 10:00&quot; --data-dir /tmp/vigil
  vigil ctl maintenance exit --reason &quot;upgrade done&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl enable STRATEGY --reason TEXT [options]

Lets a strategy stopped by the execution throttle, a flatten or the kill switch trade
again. STRATEGY is its key (e.g. intraday_mean_reversion).

Options:
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl enable swing_momentum --reason &quot;throttle cleared&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl reconcile [--json] [options]

Compares the books with the broker&apos;s statement now, records the run and lists each
difference with the &apos;vigil ctl resolve&apos; line that settles it. Exit status: 0 the
books agree, 4 they differ, 1 the run is incomplete.

Options:
  --json               print the run as JSON
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl reconcile --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl resolve position MSFT adopt --reason &quot;bought by the desk&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl unblock SYMBOL --reason TEXT [options]

Lets new entries in SYMBOL through although its books differ from the broker&apos;s, until
a run finds another difference there.

Options:
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl unblock KO --reason &quot;difference explained&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl drill NAME [--symbol SYM | --order ID] [--amount N] --reason TEXT
                       [options]

A rehearsal, simulator only: the paper broker or the feed does what a real one might.
The answer says what the drill did, or why it could not (exit 1).

Drills:
  broker-manual-close  a position closed by hand at the broker (default: the largest)
  broker-cancel-order  a working order cancelled behind the engine&apos;s back
  broker-manual-order  an order placed by hand at the broker, far from the market
  broker-manual-trade  shares bought by hand at the market (default 10)
  broker-disconnect    the broker unreachable for N seconds (default 30)
  broker-error-burst   the next N orders answered with an error (default 5)
  feed-silence         no market data for N seconds (default 30)

Options:
  --symbol SYM         the symbol the drill aims at
  --order ID           broker-cancel-order: the client order id (default: the oldest)
  --amount N           seconds, orders or shares, from 1 to 3600
  --reason TEXT        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl drill broker-manual-close --symbol AAPL --reason rehearsal --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup create|list|verify|prune [options]

Backups: one verified archive (tar) of the journal, the paper broker&apos;s file and the
configuration, never secrets. vigil backup SUBCOMMAND --help for each:
  create               make a backup now
  list                 the backups, newest first, with their verification
  verify [BACKUP]      check one backup or every one
  prune                delete what retention does not keep

Options:
  --backups-dir DIR    where backups are kept, which must exist (default: [backup]
                       dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil backup create --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup create [--type T] [--include-logs] [--backups-dir DIR] [options]

Snapshots the journal, the paper broker&apos;s file and the configuration (never secrets)
into one archive, verifies it and prints its path last. Works while vigil trades.
Exit status: 0 verified, 1 failed, 2 bad arguments.

Options:
  --type T             manual (default), daily, pre-restore, pre-migration, intraday
  --include-logs       also the logs
  --backups-dir DIR    where to write it, which must exist (default: [backup] dir,
                       else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil backup create --data-dir /tmp/vigil
  vigil backup create --type daily --include-logs --backups-dir /mnt/backups
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup list [--json] [--backups-dir DIR] [options]

The backups, newest first: time, type, size, verified or BAD, age. Warns when there
is none, none verified, or the newest verified one is over a day old.

Options:
  --json               print the list as JSON
  --backups-dir DIR    where backups are kept, which must exist (default: [backup]
                       dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil backup list --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup verify [BACKUP] [--backups-dir DIR] [options]

Checks one backup (a file, or a name in the backups directory), or every one:
checksums, SQLite integrity, schema. A failing backup is marked bad.
Exit status: 0 all verified, 1 one is bad or missing.

Options:
  --backups-dir DIR    where backups are kept, which must exist (default: [backup]
                       dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil backup verify --data-dir /tmp/vigil
  vigil backup verify /mnt/backups/vigil-backup-20261120T210000Z-daily.tar
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil backup prune [--keep-daily N] [--keep-weekly N] [--keep-monthly N]
                          [--dry-run] [--backups-dir DIR] [options]

Deletes what retention does not keep: the newest backup of each of the last N days,
weeks and months ([backup] keep_*: 30, 12, 12 by default); other types 90 days, the
newest 5 of each. Never the newest verified backup.

Options:
  --keep-daily N       days of daily backups kept
  --keep-weekly N      weeks kept
  --keep-monthly N     months kept
  --dry-run            say what would be deleted, delete nothing
  --backups-dir DIR    where backups are kept, which must exist (default: [backup]
                       dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil backup prune --dry-run --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil restore BACKUP [--dry-run] [--only config|journal] [--yes] [options]

Verifies BACKUP (a file, or a name in the backups directory), shows what would
change, takes a pre-restore safety backup, then swaps the files in, all or nothing.
Start vigil afterwards to reconcile with the broker.
Exit status: 0 done, 1 failed or the backup is bad, 2 bad arguments.

Options:
  --dry-run            show what would change, change nothing
  --only config|journal  restore only the configuration or only the journal
  --yes                do not ask (every safety step still runs)
  --backups-dir DIR    where BACKUP may be named and the safety backup goes
                       (default: [backup] dir, else DATA_DIR/backups)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil restore vigil-backup-20261120T210000Z-daily.tar --dry-run --data-dir /tmp/vigil
  vigil restore BACKUP --only journal --yes --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil report [--date DAY] [--out FILE.pdf] [options]

Writes the daily report of DAY (default: the journal&apos;s latest session) as a PDF and
prints its path. Exit status: 0 written, 1 failed, 2 bad arguments.

Options:
  --date DAY           the day, YYYY-MM-DD
  --out FILE.pdf       the file to write, in a folder that exists (default:
                       DATA_DIR/reports/vigil-report-DAY.pdf)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil report --data-dir /tmp/vigil
  vigil report --date 2026-11-20 --out day.pdf --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil check premarket|eod [--json] [options]

Runs the pre-market or end-of-day checklist: through the vigil running on the data
directory (and recorded there), else from the data directory alone. Exit status:
0 nothing fails (warnings allowed), 1 an item fails.

Options:
  --json               print the result as JSON
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil check premarket --data-dir /tmp/vigil
  vigil check eod --json --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no command named &apos;%1&apos; (vigil --help lists them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--config: the file &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config check: the file &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backups-dir: the directory &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out: the directory &apos;%1&apos; of &apos;%2&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (no --data-dir was given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data directory &apos;%1&apos; is not a directory%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data directory &apos;%1&apos; does not exist%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out: &apos;%1&apos; of &apos;%2&apos; is not a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil [run] [--seed N] [--speed F|max] [--date DAY] [options]
       vigil run --headless [--summary-json FILE] [options]

Runs one simulated trading day (09:30-16:00 New York) in the console, or without a
window to its close (--headless: the day&apos;s report, its backup and the end-of-day
checklist follow). A day already in the journal resumes where it stopped.

Options:
  --headless           no window; exit 1 if the books disagree at the close
  --seed N             the simulator&apos;s seed (default 1); a resumed day needs its own
  --speed F|max        simulated seconds per second (default: max headless, the
                       configuration&apos;s in the console)
  --date DAY           the trading day, YYYY-MM-DD (default: today in New York)
  --summary-json FILE  headless: write the session&apos;s summary here
  --screenshot FILE    console: save a picture of the window to FILE (PNG) and quit
  --screenshot-after-ms MS  how long to run first (default 3000)
  --restore BACKUP     console: open the restore wizard on BACKUP before anything
                       starts; the restored books come back paused
  --new-book           console: on a data directory with no books, start a new book
                       without asking
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil run --headless --seed 42 --date 2026-11-20 --data-dir /tmp/vigil \
            --summary-json /tmp/vigil/summary.json
  vigil --speed 120 --data-dir /tmp/vigil
  vigil --restore ~/vigil-backup-20261120T210000Z-daily.tar --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl resolve position SYMBOL|order ID adopt|flatten|cancel|accept
                         --reason NOTE [options]
       vigil ctl resolve cash accept --reason NOTE [options]

Settles a difference the reconciliation found (the keys are in &apos;vigil ctl
reconcile&apos;): adopt the broker&apos;s view, flatten the position, cancel an order the
books do not know at the broker, or accept it with a note (a cash difference
can only be accepted).

Options:
  --reason NOTE        why (recorded in the audit trail); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl resolve position SYMBOL|order CLIENT_ORDER_ID|cash adopt|flatten|cancel|accept --reason NOTE (the keys are in &apos;vigil ctl reconcile&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console: open the restore wizard on this backup before anything starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console: on a data directory with no books, start a new book without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs the console; it does not go with --headless (use &apos;vigil restore FILE&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--restore and --new-book do not go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil bot add NAME | vigil bot list | vigil bot revoke NAME|KEY_ID [options]

The key pairs of the bots that trade through the Alpaca-compatible gateway ([gateway],
[[bots]]), kept in DATA_DIR/bot-keys.json: a key id, and only a salted hash of the
secret. vigil bot SUBCOMMAND --help for each:
  add NAME             a new key pair for bot NAME, printed once
  list                 every key: bot, key id, created, revoked
  revoke NAME|KEY_ID   the bot&apos;s keys, or one; refused from the next request
Each add and revoke is recorded in the audit trail.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil bot add alpha --data-dir /tmp/vigil
  vigil bot revoke alpha --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil bot add NAME [options]

Makes a key pair for bot NAME (1 to 32 of a-z, 0-9 and _; a [[bots]] entry of the
configuration) and prints its key id and secret once: give them to the bot as
APCA_API_KEY_ID and APCA_API_SECRET_KEY. Vigil keeps only a salted hash of the
secret; a lost secret is replaced by a new key. A bot may hold several keys.
Warns when the configuration has no [[bots]] entry NAME.
Exit status: 0 made, 1 failed, 2 bad arguments.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil bot add alpha --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil bot list [options]

Every key, oldest first: the bot, the key id, when it was made and when it was
revoked (in force when not). Never a secret nor its hash.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil bot list --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil bot revoke NAME|KEY_ID [options]

Revokes every key in force of bot NAME, or the one key KEY_ID. A running gateway
refuses it from the next request. Exit status: 0 revoked, 1 no key in force
matched (or it failed), 2 bad arguments.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil bot revoke alpha --data-dir /tmp/vigil
  vigil bot revoke VKABCDEFGHIJKLMNOPQR --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil bot add NAME | vigil bot list | vigil bot revoke NAME|KEY_ID (see vigil bot --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot %1: unexpected argument &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil broker set-keys|keys|delete-keys [--environment paper|live] [options]

Alpaca&apos;s API keys, for [venue] kind = &quot;alpaca&quot;: kept in the OS keyring (Secret
Service: service vigil, entry alpaca-paper or alpaca-live), never in a file. A server
without a keyring sets APCA_API_KEY_ID and APCA_API_SECRET_KEY instead; when both
are set they are used, not the keyring. vigil broker SUBCOMMAND --help for each:
  set-keys             store the key id and the secret, read from the terminal
  keys                 where the keys come from, and the key id masked
  delete-keys          remove the keys from the keyring

Options:
  --environment paper|live
                       the account (default: the configuration&apos;s [venue]
                       environment, else paper)
  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it
                       exists, else the built-in defaults)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil broker set-keys --environment paper
  vigil broker keys
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil broker set-keys [--environment paper|live] [options]

Asks for the key id, then the secret (not shown as it is typed), and stores both in
the OS keyring, replacing the environment&apos;s keys there. When standard input is not
a terminal, its first line is the key id and its second the secret. Never from an
argument: other users (ps) and the shell&apos;s history would see it.
Exit status: 0 stored, 1 the keyring failed or is unreachable, 2 bad input.

Options:
  --environment paper|live
                       the account (default: the configuration&apos;s, else paper)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil broker set-keys --environment live
  printf &apos;%s\n%s\n&apos; &quot;$ID&quot; &quot;$SECRET&quot; | vigil broker set-keys
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil broker keys [--environment paper|live] [options]

Says where Vigil would take the environment&apos;s keys from (environment, keyring) and
the key id masked: its first characters and its length. Never the secret.
Exit status: 0 keys found, 1 none (or one variable of two, or the keyring
unreachable), 2 bad arguments.

Options:
  --environment paper|live
                       the account (default: the configuration&apos;s, else paper)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil broker keys --environment live
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil broker delete-keys [--environment paper|live] [options]

Removes the environment&apos;s keys from the OS keyring (none there is not an error).
The environment variables, if set, are not touched.
Exit status: 0 none left, 1 the keyring failed or is unreachable, 2 bad arguments.

Options:
  --environment paper|live
                       the account (default: the configuration&apos;s, else paper)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil broker delete-keys --environment paper
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil broker set-keys|keys|delete-keys [--environment paper|live] (see vigil broker --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broker set-keys takes no argument: the key id and the secret are read from the terminal or standard input, never from the command line, where other users and the shell&apos;s history would see them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broker %1: unexpected argument &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--environment: &apos;%1&apos; is neither &apos;paper&apos; nor &apos;live&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broker: Alpaca&apos;s paper or live account (default: the configuration&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper|live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil [COMMAND] [options]

Vigil: the operator console for automated trading.

Commands:
  (none), run          open the console on the built-in simulator; run --headless:
                       one session without a window
  config check FILE    validate a configuration file
  journal verify       check the journal&apos;s integrity and invariants
  audit verify|export  check the audit trail&apos;s hash chain; write its records as CSV
  ctl VERB             control the vigil running on a data directory: status, pause,
                       resume, halt, kill, flatten, maintenance, enable, reconcile,
                       resolve, unblock, drill, ack
  backup create|list|verify|prune
                       verified archives of the journal, the broker&apos;s file and the
                       configuration
  restore BACKUP       restore a backup into the data directory
  report               write a day&apos;s report as a PDF
  incident list|show|export
                       the incidents and their root-cause analyses
  check premarket|eod  run a checklist
  bot add|list|revoke  the key pairs of the bots that trade through the gateway
  broker set-keys|keys|delete-keys
                       Alpaca&apos;s API keys in the OS keyring
  alerts test|set-secret|delete-secret
                       the alert channels: a test alert, their secrets

Options:
  -h, --help           print this help, or a command&apos;s: vigil COMMAND --help
  -v, --version        print the version
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl VERB [arguments] [options]

Controls the vigil (console or headless) running on the data directory, over a local
socket only the same user can open. Every verb but status and reconcile needs
--reason TEXT, which is recorded in the audit trail.

Verbs (vigil ctl VERB --help for each):
  status               the state, P&amp;L, positions, limits and reconciliation
  pause, halt, kill    reduce-only; no new orders; the kill switch
  resume               back to ACTIVE (after a halt or kill: --ack)
  flatten              close positions and wait for the broker to confirm flat
  maintenance          enter or exit planned maintenance
  enable STRATEGY      let a stopped strategy trade again
  reconcile            compare the books with the broker&apos;s now
  resolve, unblock     settle a difference the reconciliation found
  drill NAME           a rehearsal on the simulator
  ack ALERT            acknowledge an alert: it stops escalating
  incident-open, incident-set, incident-note, incident-sign-off
                       open an incident, fill in its analysis, sign it off

Exit status: 0 done, 1 refused or failed, 2 bad arguments, 3 no vigil answers,
4 (reconcile) the books differ.

Options:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl status [--json] [options]

The running vigil&apos;s state and who set it, P&amp;L, exposure, open positions, working
orders, the distance to every limit, the last reconciliation and each critical alert
nobody has acknowledged yet. Money is given as exact decimal strings.

Options:
  --json               print it as JSON
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl resume --reason TEXT [--ack TEXT] [--override-sign-off] [options]

Back to ACTIVE from PAUSED, HALTED or KILLED. After a halt or the kill switch, --ack
says what you checked. While a level-3 incident is not signed off, resuming is
refused (vigil ctl incident-sign-off), unless --override-sign-off, which the audit
trail records as an override of the incidents it names.

Options:
  --reason TEXT        why (recorded in the audit trail); required
  --ack TEXT           what you acknowledge about the halt or kill
  --override-sign-off  resume although a level-3 incident is not signed off
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil incident list [--from DAY] [--to DAY] [--json] [options]
       vigil incident show ID [options]
       vigil incident export ID --format pdf|md [--out FILE] [options]

The incidents the journal holds, each with its root-cause analysis as it stands
(the fields set with vigil ctl incident-set, its notes and its sign-off), the
timeline of alerts, trading states, operator actions, orders and fills from a
minute before it opened to its sign-off, and what it cost.
  list                 one line each: id, day, time opened (New York), cause, level,
                       OPEN or who signed it off, title
  show ID              the analysis record as Markdown
  export ID            the record as a PDF or Markdown file; prints its path
Exit status: 0 done, 1 no such incident or the journal cannot be read, 2 bad
arguments.

Options:
  --from DAY, --to DAY list: only the incidents of these session days (YYYY-MM-DD)
  --json               list: print JSON
  --format pdf|md      export: the file&apos;s format (required)
  --out FILE           export: the file to write, in a folder that exists (default:
                       DATA_DIR/incidents/incident-ID.pdf or .md)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil incident list --from 2026-11-20 --data-dir /tmp/vigil
  vigil incident show 1234 --data-dir /tmp/vigil
  vigil incident export 1234 --format pdf --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil alerts test [webhook|email] | vigil alerts set-secret|delete-secret
                       webhook|email [options]

The channels that take alerts beyond the console ([alerts] webhook and email):
  test [CHANNEL]       send a test alert through each enabled channel (or CHANNEL)
                       now, and say what each did
  set-secret CHANNEL   store the webhook&apos;s token or the SMTP password in the OS
                       keyring (service vigil, entry alerts-webhook or alerts-email),
                       read from the terminal (not shown) or standard input&apos;s first
                       line, never from an argument
  delete-secret CHANNEL
                       remove it from the keyring
A server without a keyring sets VIGIL_ALERT_WEBHOOK_TOKEN or
VIGIL_ALERT_SMTP_PASSWORD instead. Acknowledge an alert with vigil ctl ack.
Exit status: 0 done (test: every channel delivered), 1 failed, 2 bad input or no
channel enabled.

Options:
  --config FILE        the configuration (default: ~/.config/vigil/vigil.toml if it
                       exists, else the built-in defaults)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil alerts test
  vigil alerts set-secret webhook
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl ack ALERT --reason TEXT [options]

Acknowledges alert number ALERT (the console&apos;s Alerts panel, each delivered alert&apos;s
text and e-mail show it): you have seen it, and a critical one stops escalating to
the next channel. Recorded in the audit trail with your reason.

Options:
  --reason TEXT        what is being done about it (recorded); required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl ack 1234 --reason &quot;looking at the feed&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-open --level 2|3 --reason TITLE [options]

Opens an incident by hand (the engine opens one by itself for the kill switch, a
halt, a storage failure, a reconciliation difference, market data or the broker away
too long, and a burst of refused orders). A level-3 incident holds a resume until it
is signed off. Prints its number.

Options:
  --level 2|3          2: the operator should act; 3: critical
  --reason TITLE       what happened; required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl incident-open --level 2 --reason &quot;fills slow on NVDA&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-set INCIDENT FIELD --reason TEXT [options]

Sets one field of an open incident&apos;s root-cause analysis to TEXT (at most 8000
bytes; the whole text is journaled and audited). FIELD is one of summary,
root_cause, contributing_factors, actions_taken, preventive_immediate,
preventive_short_term, preventive_long_term. The console&apos;s Incidents panel edits the
same fields.

Options:
  --reason TEXT        the field&apos;s new text; required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl incident-set 1234 root_cause --reason &quot;vendor outage&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-note INCIDENT --reason TEXT [options]

Adds an annotation to an open incident&apos;s timeline.

Options:
  --reason TEXT        the note; required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl incident-note 1234 --reason &quot;vendor called back&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-sign-off INCIDENT --reason NOTE [options]

Signs an incident off under your name: it is closed and takes no more changes, and a
level-3 incident no longer holds a resume.

Options:
  --reason NOTE        the sign-off&apos;s note; required
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  vigil ctl incident-sign-off 1234 --reason &quot;cause fixed&quot; --data-dir /tmp/vigil
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl status|pause|resume|halt|flatten|kill|maintenance enter|maintenance exit|enable STRATEGY|reconcile|resolve KEY HOW|unblock SYMBOL|drill NAME|ack ALERT|incident-open|incident-set ID FIELD|incident-note ID|incident-sign-off ID (see vigil ctl --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl ack ALERT --reason TEXT (ALERT: the alert&apos;s number, as the console&apos;s Alerts panel and the alert&apos;s message show it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-note INCIDENT --reason TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-set INCIDENT summary|root_cause|contributing_factors|actions_taken|preventive_immediate|preventive_short_term|preventive_long_term --reason TEXT (the field&apos;s new text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil ctl incident-sign-off INCIDENT --reason NOTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl incident-open: --level 2|3 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--level: &apos;%1&apos; is not 2 (the operator should act) or 3 (critical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil incident list [--from DAY] [--to DAY] [--json] | vigil incident show ID | vigil incident export ID --format pdf|md [--out FILE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident: unknown command &apos;%1&apos;; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 goes with &apos;vigil incident %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident list: unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident list: --%1: &apos;%2&apos; is not a day in the form YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident list: --to %1 is before --from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil incident %1 ID%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident %1: unexpected argument &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident %1: &apos;%2&apos; is not an incident number (vigil incident list shows them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident export: --format pdf|md is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident export: --format: &apos;%1&apos; is neither &apos;pdf&apos; nor &apos;md&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident export: --out needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: vigil alerts test [webhook|email] | vigil alerts set-secret|delete-secret webhook|email (see vigil alerts --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alerts %1 takes one channel name and nothing more: a secret is read from the terminal or standard input, never from the command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export, incident list: first day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export, incident list: last day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit export: the CSV file to write; report: the PDF; incident export: the PDF or Markdown file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident export: the file&apos;s format, pdf or md.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdf|md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl incident-open: the incident&apos;s level, 2 or 3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ctl resume: resume although a level-3 incident is not signed off (audited as an override).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run | config check FILE | journal verify | audit verify|export | ctl COMMAND | backup create|list|verify|prune | restore BACKUP | report | incident list|show|export | check premarket|eod | bot add|list|revoke | broker set-keys|keys|delete-keys | alerts test|set-secret|delete-secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos; (expected &apos;run&apos;, &apos;config check FILE&apos;, &apos;journal verify&apos;, &apos;audit verify|export&apos;, &apos;ctl&apos;, &apos;backup&apos;, &apos;restore&apos;, &apos;report&apos;, &apos;incident&apos;, &apos;check&apos;, &apos;bot&apos;, &apos;broker&apos; or &apos;alerts&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Configuration</name>
    <message>
        <source>a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a date-time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key; did you mean %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key; expected one of: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be greater than %1 and at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOML syntax error: %1 (column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOML syntax error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a table ([%1]), found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an array of tables ([[%1]]), found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a table, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an integer, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between %1 and %2, found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a boolean (true or false), found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a decimal amount, found %1; use a quoted decimal string such as &quot;228.50&quot; so the amount stays exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a decimal amount (digits, an optional point and at most 4 decimals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be greater than 0, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be negative, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the configuration file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the configuration file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>a reason is required (blanks are not a reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading is %1; pausing would loosen it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kill switch is latched; resume with an acknowledgement first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading is in MAINTENANCE; exit maintenance instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading is %1; resuming needs an acknowledgement of the cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenance needs a message for the banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading is %1, not in maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session has ended; trading is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session has ended: there is nothing left to control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session ended before the command could run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal cannot be written (disk full or I/O error): trading stays %1 until vigil is restarted with a journal it can write; flatten and kill still work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the paper broker&apos;s file cannot be written (%1): trading stays %2 until vigil is restarted with space for it; the broker answers nothing more this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is still replaying the market up to where it stopped; try again then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused: reduce-only, exits and risk-reducing orders still allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>halted: no new orders; %1 working order(s) being cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenance: %1; %2 working order(s) being cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenance over: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KILLED: no new orders, every working order cancelled, flattening everything, strategies stopped; latched until an operator resumes with an acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kill switch is latched: reset it first (strategies then come back stopped, to be enabled one at a time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no strategy named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strategy %1 may trade again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market is not open: nothing can be closed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no symbol named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kill switch fired automatically: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strategy %1 stopped by the execution throttle; an operator must enable it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: trading halted; working orders and positions stay as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market is not open: nothing can be cancelled now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working order(s) of %2 being cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an incident&apos;s text is at most %1 bytes; this one has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level-3 incident(s) %1 not signed off: sign off first (vigil ctl incident-sign-off ID --reason NOTE, or the Incidents panel), or resume with an override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an alert needs its text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no alert #%1 among today&apos;s latest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert #%1 was already acknowledged by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert #%1 acknowledged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 orders of %2 refused by the pre-trade checks within %3 s (the last: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market data silent for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker unreachable for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident #%1 opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no incident #%1 open or signed off today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident #%1 was signed off by %2; it takes no more changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident #%1: %2 recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident #%1 was already signed off by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident #%1 signed off by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayCommands</name>
    <message>
        <source>vigil: VIGIL_DRILL_KILL_REPORT_AFTER_PAGES must be a positive whole number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 checklist of %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run by the vigil on %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the data directory %1 alone: no vigil runs there; not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the report drill is misconfigured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil report: no report was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>daily report of %1: %n page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewayText</name>
    <message>
        <source>the bots&apos; gateway cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the bots&apos; gateway listens on %1 for %n bot(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentCommands</name>
    <message>
        <source>no incidents in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>incident #%1: %n page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>vigil incident export: nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentPdf</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributing factors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preventive measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil incident #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, opened %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated %1 UTC by Vigil %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause: %1 | Level: L%2 | State: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 %2 New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, on alert #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not filled in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last set by %1 at %2 New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 3, critical: trading was stopped or at risk; trading resumes only once the incident is signed off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 2, warning: the operator had to act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised to level %1 at %2 by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later events attached to it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline (%1 entries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 to %2 New York, %3: alerts, trading states, operator actions, orders and fills of the window, and the incident&apos;s notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ending at the sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ending at the journal&apos;s newest record (still open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who / source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from %2 to %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (no equity point before the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills / orders created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operational</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time without trading (halted, killed, maintenance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time reduce-only (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed off: the incident is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed off by %1 at %2 New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil incident #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>schema version %1; this build reads version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query failed (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite integrity check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table %1 row %2 refers to a missing row of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: execution %2 recorded %3 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill %2 names order %1, which is not in the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: filled quantity %2 (of %3) but its fills add up to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: its last recorded state is &apos;%2&apos; but the order says &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: unknown state &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: first recorded state is &apos;%2&apos;, not &apos;new&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1: illegal change from &apos;%2&apos; to &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position %1 %2 at record %3: stored qty %4 cost %5 realized %6 fees %7, but its fills give qty %8 cost %9 realized %10 fees %11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>the OS keyring is unreachable (%1); start a Secret Service (such as gnome-keyring) in a D-Bus session, or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set or nothing answers there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 s; is it locked and waiting for a password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Secret Service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keyring refused access: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OS keyring failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>vigil: the configuration is not valid; nothing was started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: cannot create the data directory &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: cannot open the log in &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: valid (%2 symbols, broker %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: cannot write the summary to &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session %1 seed %2: %3 events, %4 orders, %5 fills, realized %6, unrealized %7 (%8 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the session did not run to its close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: cannot save the screenshot to &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: sound (%2 orders, %3 fills, %4 position snapshots checked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: nothing was started: trading without a journal could lose what it did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 position snapshot(s) written by schema version 1 do not name their session and were not compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: resuming the session from the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS must be a positive whole number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 audit record(s) from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: nothing was started: &apos;vigil ctl&apos; could not reach this instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: empty (created, but nothing was recorded in it yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the configuration is not valid and names the data directory: give --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: nothing was started: the data directory is between two states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: finished a restore that had been interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: nothing was started: the journal needs a migration and could not be backed up first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the journal&apos;s schema is migrated from version %1; backed up first to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration %1 is not valid:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for from the console. Trading was halted and the engine stopped; the console starts again when the wizard closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the session closed but its daily backup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily backup %1 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: reconciliation at start-up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the journal %1 is missing, but the data directory has been traded on (%2 present)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: nothing was started: restore the journal from a backup (&apos;vigil restore BACKUP --only journal&apos; or the console&apos;s wizard), or move the data directory aside to start afresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: reconciliation at the close: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2
      vigil ctl resolve %1 %3 --reason NOTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new entries blocked in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: trading starts paused (reduce-only): the broker&apos;s books could not be compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: new entries blocked in %1 until each difference is resolved (exits allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the daily report of %1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: end-of-day checklist: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not recorded: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil:   %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: pre-market checklist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the configuration is not valid; going on with --data-dir %1 and the backups in %2 (if its [backup] dir names another place, give it with --backups-dir)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: VIGIL_DRILL_CRASH_AT must be a simulated time in nanoseconds since the epoch, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: %1: stopping in order before the close; the session resumes from the journal at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the journal could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: stopped; trading was %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: trading was halted: the paper broker&apos;s file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: trading was halted: the journal could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: %1: stopping in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: %1: trading starts paused (reduce-only) until the books are reconciled clean and an operator resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: --restore: %1 %2; nothing was started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring %1 into %2 before the console starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no books: restore them from a backup. Nothing trades until the restored books are reconciled and you resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the configuration is not valid; going on with --data-dir %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil broker: give --environment paper|live, or fix the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vigil: the difference is in the cash alone and blocks no symbol; resolve it with &apos;vigil ctl resolve&apos; or in the RECONCILIATION panel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPage</name>
    <message>
        <source>cannot create the directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the PDF %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the positions in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the orders in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average price differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown order at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order the broker does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cash differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 here, %3 at the broker (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 at %3 here, at %4 at the broker (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 order %2: %3 open here, %4 at the broker (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cash: %1 here, %2 at the broker, %3 apart (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete: the broker&apos;s %1 could not be compared (%2); nothing is assumed flat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 difference: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 differences: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean: %1, %2 and the cash agree with the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean: %1 and %2 agree with the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker keeps no statement (no broker file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the account in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReconciliationRunsModel</name>
    <message>
        <source>INCOMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (UTC %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Vigil cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was started: Vigil never trades on a configuration it cannot read. Fix the file, or restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was started: trading without a sound journal could lose what it did. Restore the journal from a backup; the wizard shows what would be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil: a new data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no books yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new book here: the session starts and the strategies trade.
Or restore the books from a backup first (a machine that was lost): nothing trades until the restored books are reconciled and you resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>Market data (exchange to engine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to order (engine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil daily report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit #%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1    Vigil %2    Generated %3 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal holds no checkpoint of this session: no books to report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session closed. Books as of the close (%1 New York).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session NOT closed. Books as of the last checkpoint (%1, %2 New York).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> The engine restarted %n time(s) during the day.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Profit and loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Realized P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total, % of starting equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High-water mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No equity points were journaled for this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a (%1 d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Realized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No strategy traded or held anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes: fills that reduced a position; win rate: those that realized more than nothing after fees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpe: daily P&amp;L as a share of starting equity over the last 20 sessions (d: how many), annualised (252 days); n/a below 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gross exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gross, % of equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net, % of equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by pre-trade checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent and finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled (at least partly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection rate (broker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage, average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage, p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage against the quote&apos;s mid when each order was sent, over %1 fill(s); positive is paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latency figures were journaled for this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents and kill-switch events (%1, %2 kill(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who / source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts, state changes or restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator actions (audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator acted on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reconciliation was run on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 run(s); the last at %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCOMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>books agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resolutions recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO verified backup.%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 bad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest verified backup: %1 (%2, made %3 UTC). %4 verified, %5 bad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checklist was run on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit anchor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail has no record on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last audit record of the day: #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this report: &apos;vigil audit verify&apos; proves the chain up to this hash was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fills on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized at the open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total = realized + unrealized; equity = starting equity + total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total = realized + unrealized (against cost); equity = starting equity + total - unrealized at the open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each figure is rounded to the cent (half away from zero) once; a total adds the figures as printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The high-water mark (%1) was set between two points of the curve, whose highest is %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this journal holds the equity once a minute, not the point where the mark was set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high-water mark %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents (%1, %2 open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No incidents.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>cannot rename %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot keep a copy of %1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data directory to restore into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file; nothing was touched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist; nothing was touched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was restored: no staging directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not restored, nothing was touched: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds nothing to restore for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not restored: the restore was not confirmed; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was restored: the backup&apos;s journal cannot be migrated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was restored: the safety backup of the current state failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was restored: cannot stage %1 beside %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the restore stopped during the swap (%1); the next restore or start of vigil finishes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the restored files fail their checks: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Venue</name>
    <message>
        <source>the broker&apos;s order stream is down; reconnecting (attempt %1); entries wait for a clean reconciliation after it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker&apos;s order stream is back; %1 orders changed meanwhile were fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market data stream is down; reconnecting (attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the market data stream is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market data: REST fallback (latest quotes) while the stream is away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market data: back on the stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker&apos;s rate limit was reached; requests wait %1 s for its reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fills that happened while the order stream was away were booked from the broker&apos;s records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items of a bulk cancel or close failed at the broker; retrying them one by one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the failed items of the bulk request are done after retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not tradable at the broker: its orders are refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be sold short at the broker: a sell beyond the shares held is refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VenueStart</name>
    <message>
        <source>the %1 venue cannot start: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::AlertAcknowledger</name>
    <message>
        <source>Acknowledge alert #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge alert #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

What is being done about it (recorded in the audit trail)?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::AlertsModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 times, last %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert #%1; right-click to acknowledge it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::AuditModel</name>
    <message>
        <source>Record %1 · %2 New York (engine time)
Recorded %3 UTC (wall clock)
%4 %5: %6
SHA-256 %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (New York)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::BackupMonitor</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAILY BACKUP FAILED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backups: looking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO BACKUP</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>NO VERIFIED BACKUP (%n bad)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>NEWEST VERIFIED BACKUP %1 OLD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup verified %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INTRADAY BACKUP FAILED: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::BackupWizard</name>
    <message>
        <source>What to back up, and where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always: a consistent snapshot of the journal and of the broker&apos;s file, taken while trading goes on, and the configuration. Never: broker secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy kept on another disk or machine survives the loss of this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VERIFIED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), journal schema %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>BAD: %1 was written but failed its verification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED: no backup was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done and verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil — make a backup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::BrokerKeysDialog</name>
    <message>
        <source>Broker keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpaca&apos;s API keys are kept in the OS keyring (service vigil), never in a file. Vigil uses APCA_API_KEY_ID and APCA_API_SECRET_KEY instead when both are set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live account (real money)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. PK…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store in the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n characters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Storing in the OS keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored the %1 keys in the OS keyring: key id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 keys were not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ChecklistModel</name>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ChecklistPanel</name>
    <message>
        <source>Pre-market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intraday positions left open:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pre-market checklist has not run in this session yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end-of-day checklist runs after the close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run pre-market checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run end-of-day checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every item now; the run is journaled and audited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3): %4 pass, %5 warn, %6 fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRE-MARKET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>END OF DAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm a flatten of this strategy in the control bar: its orders cancelled, its positions closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHECKLISTS · %1 warn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHECKLISTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHECKLISTS · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ControlBar</name>
    <message>
        <source>CONTROLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Halt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖  KILL SWITCH   Ctrl+Shift+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Halt, cancel every working order, flatten everything and stop the strategies; latched until an operator resumes with an acknowledgement (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (recorded in the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you checked before trading again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message shown while in maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause: reduce-only; exits still allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the kill switch and resume trading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume trading after the halt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume trading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HALT: no new orders; every working order cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KILL SWITCH: halt, cancel all, flatten everything, stop the strategies; latched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLATTEN strategy %1: cancel its orders, close its positions at market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLATTEN %1: cancel its orders, close it at market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLATTEN everything: cancel all orders, close every position at market, then pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter maintenance: trading stopped, orders cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable strategy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fire kill switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Halt now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (recorded with the resolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the books with the broker&apos;s now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADOPT the broker&apos;s view of %1: book it in the console&apos;s books (nothing is sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLATTEN %1: adopt the broker&apos;s view, then close the symbol at market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL %1 at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACCEPT %1 as it is: the difference stays, the symbol trades again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNBLOCK new entries in %1 although its books differ from the broker&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL %1 on the simulated venue: a rehearsal, not a real fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (on %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start drill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the %1 checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is over: nothing can be sent or cancelled until the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message is required: it is shown while in maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note is required: it is recorded with the resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reason is required: it is recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An acknowledgement is required: what you checked before trading again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KILLED (latched); </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flatten %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the working orders of strategy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge alert #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise an alert: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a level %1 incident: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note to incident #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the %1 of incident #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGN OFF incident #%1: it is closed; a resume no longer waits for it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::DesktopAlerts</name>
    <message>
        <source>Vigil: trading ACTIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil: trading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil L%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
#%2 at %3 New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no D-Bus session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::DifferencesModel</name>
    <message>
        <source>Resolutions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::EndOfDay</name>
    <message>
        <source>the journal was closed before the close&apos;s reconciliation was on disk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::EquityChart</name>
    <message>
        <source>EQUITY CURVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no points yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 since the start · high %2 · loss limit %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ExecutionPanel</name>
    <message>
        <source>Orders, last 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders that finished with at least one fill, as a share of all orders that finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders the broker rejected, as a share of all orders that finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders sent to the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders that reached a final state (filled, cancelled, rejected, expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage against the mid when the order was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 min, average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positive: paid more (or received less) than the mid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95 % of today&apos;s fills slipped no more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average over the fills of the last 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s fills with a known arrival mid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ExposureChart</name>
    <message>
        <source>% of equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gross limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now: gross %1 · net %2 of equity · gross limit %3%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::FillsModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client order id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::HeaderStrip</name>
    <message>
        <source>VIGIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRADING STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SESSION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEW YORK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPEED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce-only: exits and risk-reducing orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new orders; working orders cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill switch latched until an operator resets it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned work; trading stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HALTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KILLED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAINTENANCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: replaying the market to %1, no orders until then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MARKET DATA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BROKER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · replaying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since the start of the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session over: no orders, no cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAPER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpaca: real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpaca paper account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders go to your Alpaca live account and trade real money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders go to your Alpaca paper account: simulated money at Alpaca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s own clock sets the pace: its session runs in its time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::HealthPanel</name>
    <message>
        <source>SYSTEM HEALTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick-to-order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange time to engine receipt (simulated time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order decision to broker acknowledgement (simulated time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine processing, tick in to order out (wall time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat (sim)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat (wall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No component has reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU (all cores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free on the data volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process, all threads, as a share of all the machine&apos;s cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process&apos;s resident memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 free of %2 on the volume of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data directory: nothing is journaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the volume of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT SEEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flattened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its orders cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its orders left as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down when its trade_updates stream is closed and it has been silent more than %1 s; then %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supervised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last exit: status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last exit: killed by a signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its program could not be started (see the alerts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · 1 reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 reconnects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · stream %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · rate limited by the broker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::IncidentsModel</name>
    <message>
        <source>kill switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>halt by a trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broker unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market data silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>journal or disk failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconciliation difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burst of refused orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contributing factors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preventive measures: immediate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preventive measures: short term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preventive measures: long term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed off by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN: holds resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::IncidentsPanel</name>
    <message>
        <source>No incident in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident to fill in its analysis, read its timeline or sign it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the fields changed since they were shown (journaled and audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An annotation on the incident&apos;s timeline (journaled and audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on incident #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, or what was done:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the incident under your name; after a level-3 incident trading resumes only once it is signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export incident #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root-cause analysis record with its timeline, as read from the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root-cause analysis record as Markdown, for a ticket or a wiki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the incident&apos;s timeline from the journal again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCIDENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCIDENTS · %1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open, %2 of level 3: trading resumes only once each level-3 incident is signed off (or over an audited override).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every incident of this session is signed off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open; none holds trading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN: holds a resume until signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed off by %1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 · level %2 · %3 · opened %4 by %5 · %6
%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries from the journal · stopped %2, reduce-only %3 · %4 orders, %5 fills, fees %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · equity %1 → %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::LatencyChart</name>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of today&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick-to-order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert: p95 over %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last minute p95: feed %1 · ack %2 · tick-to-order %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · OVER %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::LimitsModel</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BREACH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · kill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaching this limit fires the kill switch (after its confirmation time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::MainWindow</name>
    <message>
        <source>Vigil — operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIGIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN POSITIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STRATEGIES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 · New York %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshot has been published yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshot yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is running; the session for %1 has not started (snapshot #%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIMITS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQUITY CURVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYSTEM HEALTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>LIMITS · %n in breach</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>LIMITS · %n near the limit</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>LIMITS · all within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPEN POSITIONS · %1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALERTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>ALERTS · %1 (%n critical)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>ALERTS · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WORKING ORDERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WORKING ORDERS · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILLS · %1 today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATENCY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATENCY · p95 over the alert threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPOSURE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: any text in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXECUTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXECUTION · fill rate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders and fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show the records that cover each journal commit&apos;s orders and fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT TRAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROFIT AND LOSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT TRAIL · no journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT TRAIL · empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT TRAIL · %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore replaces the data directory, so it never runs under a live engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading is halted (working orders cancelled), the engine stops and the console starts again into the restore wizard. Go on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Halt and restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s backup could not be made or failed its verification:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a backup is verified the data has none newer than the last good one. File &gt; Back up now tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONCILIATION INCOMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOOKS DIFFER: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOOKS DIFFER: %1 symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>books agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsals on the simulated venue: not real faults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: a position closed by hand at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: an order cancelled behind the engine&apos;s back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: an order placed by hand at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: 10 shares bought by hand at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: the broker unreachable for 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: the broker answers 5 orders with errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL: no market data for 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONCILIATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export daily report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the daily report of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no session to report yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the daily report %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily report written: %1 (%2 pages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily report was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHECKLISTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The intraday backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup taken while the session is open could not be made or failed its verification:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trades since the newest verified backup exist only in the journal until one succeeds; the next is tried at the next interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record to read it whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable the selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1. The session is over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1. Reset the kill switch first; each then comes back stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1. Select one to enable it; each is enabled on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Quitting cancels nothing and closes nothing: %n working order(s) stay at the broker</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n position(s) stay open.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A real broker can fill those orders while Vigil is down; the simulator&apos;s paper broker keeps them in its file and trades them again when the day resumes. The journal is closed in order, and the next start on this data directory resumes the day and settles every order with the broker by client order id (none is sent twice). To cancel the orders first, Halt (or Flatten, to close the positions too) before quitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session for %1 is open: quitting stops the engine now, in the middle of the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit and leave the orders working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2 · %3 · %4: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STRATEGIES · %1 stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>books agree, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker &amp;keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;test alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To the &amp;desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through the &amp;webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By &amp;e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop&apos;s notification service did not answer (%1): the alert went to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop has no notification service and no tray (%1): alerts show in the console only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop: shown by the notification service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop: shown by the tray (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop: not shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil L3 critical: test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A test alert from the console: if you read this, desktop alerts work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test alert through the %1 channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident was not exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCIDENTS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::OrdersModel</name>
    <message>
        <source>market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client order id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::PnlChart</name>
    <message>
        <source>loss limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>realized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrealized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today %1 = realized %2 + unrealized %3 · loss limit at %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::PnlTiles</name>
    <message>
        <source>DAILY P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REALIZED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNREALIZED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EQUITY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRAWDOWN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GROSS EXPOSURE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NET EXPOSURE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FEES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net of fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open positions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaying, figures as of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::PositionsModel</name>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Realized P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ReconciliationPanel</name>
    <message>
        <source>No reconciliation has run in this session yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the books with the broker&apos;s statement now (journaled and audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adopt broker&apos;s view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book the broker&apos;s position (or mark the order cancelled) in the console&apos;s books; nothing is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adopt the broker&apos;s view, then close the symbol at market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel at broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the order the console does not know at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept with note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the difference as it is, with a note; the symbol trades again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let new entries through in this symbol although its books differ (audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONCILIATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCOMPLETE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 unresolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run #%1 at %2 (%3, %4): %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONCILIATION · incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>RECONCILIATION · %n open</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>New entries blocked until resolved: %1 (exits only as far as the broker holds the position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unblocked by an operator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>books agree, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONCILIATION · books agree, %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::RestoreWizard</name>
    <message>
        <source>%1 days %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything (journal, broker file, configuration)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal only (the broker&apos;s file is left as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore loses whatever happened after the backup was taken: its age is the data-loss window. Trading stays stopped until the restore is done and checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age: data lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil backups (*.tar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup here has been verified yet; the next page verifies the one chosen before anything is touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every file&apos;s SHA-256 against the backup&apos;s manifest, the journal&apos;s integrity and its schema, read again now: a backup that changed since it was written is refused here, before anything live is touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VERIFIED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken %1 (%2), %3 files, journal schema %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUSED: this backup cannot be restored. Nothing was touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the restore would change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dry run: nothing has been changed yet. Restore takes a safety backup of the current state first and puts it back if any step fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dry run failed: %1
Nothing was touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data-loss window: %1 (everything after the backup was taken is lost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new      </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 orders, %2 fills, %3 open positions, last session %4, schema %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal now:        %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal restored:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration differences (- now, + restored):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety backup, staging, the swap and the checks after it. If a step fails, the state before is put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety backup of the state before: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RESTORED and checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restored files are in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data directory is as it was before the restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore did not complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration only was restored: the books were not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books could not be compared with the broker&apos;s: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil — restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up what is here now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no backup in %1. Choose a file kept elsewhere, or back up what is here now, before anything else goes wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every backup in %1 failed its verification: none can be restored. Choose a file kept elsewhere, or back up what is here now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal&apos;s books agree with the broker&apos;s: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>THE BOOKS DIFFER from the broker&apos;s (%1): the start settles the open orders with the broker; every difference left blocks its symbol until it is resolved in the RECONCILIATION panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unverified: verified on the next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be restored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored %1 from %2; %3 of data lost. Vigil starts on it when you finish, PAUSED (reduce-only): resume once the reconciliation is clean.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::StrategiesModel</name>
    <message>
        <source>intraday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>swing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be flat by the close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May hold positions overnight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Realized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped (by the kill switch, the execution throttle or a flatten): it trades again only once an operator enables it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot, intraday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator&apos;s bot trading through the gateway; must be flat by the close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator&apos;s bot trading through the gateway; may hold positions overnight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::format</name>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1x</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
