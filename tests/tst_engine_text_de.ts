<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- A few of the engine's sentences in German, for tst_engine_text: enough to show that
     a sentence made on any thread reaches the installed translator whole, with its
     figures filled in after translation. -->
<TS version="2.1" language="de_DE">
<context>
    <name>Controls</name>
    <message>
        <source>trading is %1; pausing would loosen it</source>
        <translation>der Handel ist %1; eine Pause würde ihn lockern</translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <source>%1: %2 here, %3 at the broker (%4)</source>
        <translation>%1: beim Broker %3, hier %2 (%4)</translation>
    </message>
    <message>
        <source>quantity differs</source>
        <translation>Menge weicht ab</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>no report at %1 (vigil report, or File &gt; Export daily report)</source>
        <translation>kein Bericht unter %1 (vigil report, oder Datei &gt; Tagesbericht exportieren)</translation>
    </message>
</context>
</TS>
