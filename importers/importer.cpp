#include "importers/importer.h"

#include <new>

#include "importers/plausibility.h"

namespace headroom {

ImportResult Importer::read(std::istream& in, const std::string& fileName, const ImportOptions& options,
                            Feedback* feedback) const {
  try {
    ImportResult result = readImpl(in, fileName, options, feedback);
    // PromQL results and expositions carry +Inf/-Inf as values (x/0, histogram_quantile over the +Inf bucket).
    checkPlausibility(result, id().starts_with("prometheus"));
    return result;
  } catch (const ImportError&) {
    throw;
  } catch (const ImportCancelled&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw ImportError(fileName, 0, "", "out of memory while importing");
  } catch (const std::exception& e) {
    throw ImportError(fileName, 0, "", std::string("unexpected content: ") + e.what());
  }
}

}  // namespace headroom
