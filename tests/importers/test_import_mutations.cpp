// Robustness: every sample, truncated and with bytes flipped, deleted or inserted (seeded, deterministic), either
// imports (maybe with warnings) or throws ImportError. Anything else (another exception, a crash) fails the test.
// Inputs are capped at 48 KiB and a few dozen variants per file to keep the run short.
#include <QtTest>

#include <fstream>
#include <random>
#include <sstream>

#include "sample_table.h"
#include "test_support.h"

using namespace headroom;

class TestImportMutations : public QObject {
  Q_OBJECT
 private slots:
  void mutatedSamplesImportOrFailCleanly_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < test::sampleFacts().size(); ++i)
      QTest::newRow(test::sampleFacts()[i].path) << static_cast<int>(i);
  }
  void mutatedSamplesImportOrFailCleanly() {
    HEADROOM_REQUIRE_SHARED();
    QFETCH(int, index);
    const auto& f = test::sampleFacts()[static_cast<std::size_t>(index)];
    std::ifstream in(test::sharedData().toStdString() + "/" + f.path, std::ios::binary);
    QVERIFY(in);
    std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    original.resize(std::min<std::size_t>(original.size(), 48 * 1024));
    ImporterRegistry registry;
    const Importer* importer = registry.find(f.format);
    QVERIFY(importer);
    std::mt19937 rng(1234u + static_cast<unsigned>(index));
    std::vector<std::string> variants;
    for (int k = 1; k <= 6; ++k) variants.push_back(original.substr(0, original.size() * static_cast<std::size_t>(k) / 7));
    std::uniform_int_distribution<std::size_t> pos(0, original.size() - 1);
    for (int k = 0; k < 12; ++k) {
      std::string v = original;
      v[pos(rng)] ^= static_cast<char>(1 + rng() % 255);
      variants.push_back(v);
    }
    for (int k = 0; k < 8; ++k) {
      std::string v = original;
      const std::size_t p = pos(rng);
      v.erase(p, 1 + rng() % 16);
      variants.push_back(v);
    }
    static const char* junk[] = {"\"", ",", "\n", "{", "}", "[", "NaN", "\xff\xfe", "-", ":", "\0", "1e999"};
    for (int k = 0; k < 8; ++k) {
      std::string v = original;
      v.insert(pos(rng), junk[rng() % (sizeof junk / sizeof *junk)]);
      variants.push_back(v);
    }
    int imported = 0, rejected = 0;
    for (std::size_t k = 0; k < variants.size(); ++k) {
      std::istringstream stream(variants[k]);
      try {
        const ImportResult r = importer->read(stream, "variant", {}, nullptr);
        for (const auto& s : r.series) QCOMPARE(s.time_s.size(), s.value.size());
        ++imported;
      } catch (const ImportError& e) {
        QVERIFY(std::string(e.what()).rfind("variant", 0) == 0);  // message starts with the file name
        ++rejected;
      } catch (const std::exception& e) {
        QFAIL(qPrintable(QStringLiteral("variant %1 threw a non-ImportError: %2").arg(k).arg(e.what())));
      }
    }
    QCOMPARE(imported + rejected, static_cast<int>(variants.size()));
  }
};

QTEST_APPLESS_MAIN(TestImportMutations)
#include "test_import_mutations.moc"
