// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "console/RoomListModel.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

using AddResult = RoomListModel::AddResult;
using JoinState = RoomListModel::JoinState;

class tst_RoomListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void addRoom_data();
    void addRoom();
    void duplicateRefused();
    void tooManyRooms();
    void removeRoom();
    void joinStates_data();
    void joinStates();
    void joinStateOfUnknownRoom();
    void resetJoinStates();
    void clearEmitsRemovals();
    void addResultTexts();

private:
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_RoomListModel::init()
{
    m_model = std::make_unique<RoomListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
      m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_RoomListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_RoomListModel::addRoom_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AddResult>("result");
    QTest::addColumn<QString>("display");
    QTest::addColumn<RoomName::Kind>("kind");
    QTest::addColumn<QString>("id");

    QTest::newRow("patient") << u"patient_42"_s << AddResult::Added << u"Patient 42"_s
                             << RoomName::Kind::Patient << u"42"_s;
    QTest::newRow("hospital") << u"hospital_123"_s << AddResult::Added << u"Hospital 123"_s
                              << RoomName::Kind::Hospital << u"123"_s;
    QTest::newRow("triage") << u"triage_queue"_s << AddResult::Added << u"Triage queue"_s
                            << RoomName::Kind::Triage << QString();
    QTest::newRow("empty") << QString() << AddResult::InvalidName << QString()
                           << RoomName::Kind::Other << QString();
    QTest::newRow("no id") << u"patient_"_s << AddResult::InvalidName << QString()
                           << RoomName::Kind::Other << QString();
    QTest::newRow("upper case kind") << u"Patient_42"_s << AddResult::InvalidName << QString()
                                     << RoomName::Kind::Other << QString();
    QTest::newRow("blank inside") << u"patient_4 2"_s << AddResult::InvalidName << QString()
                                  << RoomName::Kind::Other << QString();
    QTest::newRow("injection") << u"patient_42\"}"_s << AddResult::InvalidName << QString()
                               << RoomName::Kind::Other << QString();
    QTest::newRow("other kind") << u"ward_5"_s << AddResult::UnsupportedKind << QString()
                                << RoomName::Kind::Other << QString();
}

void tst_RoomListModel::addRoom()
{
    QFETCH(QString, name);
    QFETCH(AddResult, result);
    QFETCH(QString, display);
    QFETCH(RoomName::Kind, kind);
    QFETCH(QString, id);

    QSignalSpy added(m_model.get(), &RoomListModel::roomAdded);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QCOMPARE(m_model->addRoom(name), result);
    if (result != AddResult::Added) {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(added.size(), 0);
        QCOMPARE(inserted.size(), 0);
        return;
    }
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).toString(), name);
    QCOMPARE(inserted.size(), 1);
    const QModelIndex idx = m_model->index(0);
    QCOMPARE(idx.data().toString(), display);
    QCOMPARE(idx.data(RoomListModel::RoomNameRole).toString(), name);
    QCOMPARE(idx.data(RoomListModel::KindRole).value<RoomName::Kind>(), kind);
    QCOMPARE(idx.data(RoomListModel::RoomIdRole).toString(), id);
    QCOMPARE(idx.data(RoomListModel::JoinStateRole).value<JoinState>(), JoinState::Pending);
    QCOMPARE(m_model->roomNames(), QStringList{ name });
    QVERIFY(m_model->contains(name));
}

void tst_RoomListModel::duplicateRefused()
{
    QCOMPARE(m_model->addRoom(u"patient_42"_s), AddResult::Added);
    QSignalSpy added(m_model.get(), &RoomListModel::roomAdded);
    QCOMPARE(m_model->addRoom(u"patient_42"_s), AddResult::AlreadyFollowed);
    QCOMPARE(m_model->addRoom(RoomName::patient(u"42"_s)), AddResult::AlreadyFollowed);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(added.size(), 0);
}

void tst_RoomListModel::tooManyRooms()
{
    for (int i = 0; i < RoomListModel::maxRooms; ++i)
        QCOMPARE(m_model->addRoom(RoomName::patient(QString::number(i))), AddResult::Added);
    QCOMPARE(m_model->addRoom(u"triage_queue"_s), AddResult::TooManyRooms);
    QCOMPARE(m_model->rowCount(), RoomListModel::maxRooms);
    QVERIFY(m_model->removeRoom(u"patient_0"_s));
    QCOMPARE(m_model->addRoom(u"triage_queue"_s), AddResult::Added);
}

void tst_RoomListModel::removeRoom()
{
    for (const QString &name : { u"patient_1"_s, u"hospital_2"_s, u"triage_queue"_s })
        QCOMPARE(m_model->addRoom(name), AddResult::Added);
    QSignalSpy removedRoom(m_model.get(), &RoomListModel::roomRemoved);
    QSignalSpy removedRows(m_model.get(), &QAbstractItemModel::rowsRemoved);

    QVERIFY(m_model->removeRoom(u"hospital_2"_s));
    QCOMPARE(removedRoom.size(), 1);
    QCOMPARE(removedRoom.at(0).at(0).toString(), u"hospital_2"_s);
    QCOMPARE(removedRows.size(), 1);
    QCOMPARE(removedRows.at(0).at(1).toInt(), 1);
    QCOMPARE(m_model->roomNames(), (QStringList{ u"patient_1"_s, u"triage_queue"_s }));

    QVERIFY(!m_model->removeRoom(u"hospital_2"_s));
    QVERIFY(!m_model->removeRoom(u"not a room"_s));
    QCOMPARE(removedRoom.size(), 1);
}

void tst_RoomListModel::joinStates_data()
{
    QTest::addColumn<JoinState>("state");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("statusText");
    QTest::addColumn<QString>("storedReason");

    QTest::newRow("pending") << JoinState::Pending << QString() << u"Joining…"_s << QString();
    QTest::newRow("joined") << JoinState::Joined << u"ignored"_s << u"Joined"_s << QString();
    QTest::newRow("refused") << JoinState::Refused << u"Unauthorized"_s
                             << u"Refused: Unauthorized"_s << u"Unauthorized"_s;
    QTest::newRow("refused, no reason")
      << JoinState::Refused << QString() << u"Refused"_s << QString();
}

void tst_RoomListModel::joinStates()
{
    QFETCH(JoinState, state);
    QFETCH(QString, reason);
    QFETCH(QString, statusText);
    QFETCH(QString, storedReason);

    m_model->addRoom(u"patient_1"_s);
    m_model->addRoom(u"hospital_2"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setJoinState(u"hospital_2"_s, state, reason));
    QCOMPARE(changed.size(), state == JoinState::Pending ? 0 : 1);
    if (!changed.isEmpty()) {
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 1);
    }
    const QModelIndex idx = m_model->index(1);
    QCOMPARE(idx.data(RoomListModel::JoinStateRole).value<JoinState>(), state);
    QCOMPARE(idx.data(RoomListModel::StatusTextRole).toString(), statusText);
    QCOMPARE(idx.data(Qt::ToolTipRole).toString(), statusText);
    QCOMPARE(idx.data(RoomListModel::RefusalReasonRole).toString(), storedReason);
    QCOMPARE(idx.data(Qt::AccessibleTextRole).toString(), u"Hospital 2, "_s + statusText);
    QCOMPARE(m_model->joinState(u"hospital_2"_s), state);
    QCOMPARE(m_model->refusalReason(u"hospital_2"_s), storedReason);
    QCOMPARE(m_model->joinState(u"patient_1"_s), JoinState::Pending);
}

void tst_RoomListModel::joinStateOfUnknownRoom()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(!m_model->setJoinState(u"patient_1"_s, JoinState::Joined));
    QCOMPARE(changed.size(), 0);
}

void tst_RoomListModel::resetJoinStates()
{
    for (const QString &name : { u"patient_1"_s, u"hospital_2"_s, u"triage_queue"_s })
        m_model->addRoom(name);
    m_model->setJoinState(u"hospital_2"_s, JoinState::Joined);
    m_model->setJoinState(u"triage_queue"_s, JoinState::Refused, u"Unauthorized"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->resetJoinStates();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
    for (const QString &name : m_model->roomNames())
        QCOMPARE(m_model->joinState(name), JoinState::Pending);
    QVERIFY(m_model->refusalReason(u"triage_queue"_s).isEmpty());
}

void tst_RoomListModel::clearEmitsRemovals()
{
    m_model->addRoom(u"patient_1"_s);
    m_model->addRoom(u"triage_queue"_s);
    QSignalSpy removed(m_model.get(), &RoomListModel::roomRemoved);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.at(1).at(0).toString(), u"triage_queue"_s);
}

void tst_RoomListModel::addResultTexts()
{
    QVERIFY(RoomListModel::addResultText(AddResult::Added).isEmpty());
    QSet<QString> texts;
    for (AddResult r : { AddResult::AlreadyFollowed,
                         AddResult::InvalidName,
                         AddResult::UnsupportedKind,
                         AddResult::TooManyRooms }) {
        const QString text = RoomListModel::addResultText(r);
        QVERIFY(!text.isEmpty());
        texts.insert(text);
    }
    QCOMPARE(texts.size(), 4);
    QVERIFY(RoomListModel::addResultText(AddResult::TooManyRooms)
              .contains(QString::number(RoomListModel::maxRooms)));
}

QTEST_MAIN(tst_RoomListModel)
#include "tst_roomlistmodel.moc"
