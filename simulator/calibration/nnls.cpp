#include "simulator/calibration/nnls.h"

#include <algorithm>
#include <vector>

namespace headroom::calibration {

NnlsResult solveNnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b, int max_iterations) {
  const Eigen::Index n = A.cols();
  NnlsResult r;
  r.x = Eigen::VectorXd::Zero(n);
  if (max_iterations <= 0) max_iterations = static_cast<int>(3 * n + 10);
  std::vector<bool> passive(static_cast<std::size_t>(n), false);
  // Tolerance relative to the problem's scale so that round-off never re-enters a column for ever.
  const double tol = 1e-12 * std::max(1.0, A.norm() * b.norm());
  auto solvePassive = [&](Eigen::VectorXd& z) {
    std::vector<Eigen::Index> cols;
    for (Eigen::Index j = 0; j < n; ++j)
      if (passive[static_cast<std::size_t>(j)]) cols.push_back(j);
    Eigen::MatrixXd Ap(A.rows(), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t k = 0; k < cols.size(); ++k) Ap.col(static_cast<Eigen::Index>(k)) = A.col(cols[k]);
    const Eigen::VectorXd zp = Ap.colPivHouseholderQr().solve(b);
    z = Eigen::VectorXd::Zero(n);
    for (std::size_t k = 0; k < cols.size(); ++k) z(cols[k]) = zp(static_cast<Eigen::Index>(k));
  };
  for (r.iterations = 0; r.iterations < max_iterations; ++r.iterations) {
    const Eigen::VectorXd w = A.transpose() * (b - A * r.x);
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!passive[static_cast<std::size_t>(j)] && w(j) > tol && (best < 0 || w(j) > w(best))) best = j;
    if (best < 0) {
      r.converged = true;
      return r;
    }
    passive[static_cast<std::size_t>(best)] = true;
    for (int inner = 0; inner < max_iterations; ++inner) {
      Eigen::VectorXd z;
      solvePassive(z);
      bool feasible = true;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && z(j) <= 0) feasible = false;
      if (feasible) {
        r.x = z;
        break;
      }
      // Step from x towards z until the first passive variable hits zero, then drop it.
      double alpha = 1.0;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && z(j) <= 0) alpha = std::min(alpha, r.x(j) / (r.x(j) - z(j)));
      r.x += alpha * (z - r.x);
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[static_cast<std::size_t>(j)] && r.x(j) <= tol) {
          passive[static_cast<std::size_t>(j)] = false;
          r.x(j) = 0.0;
        }
    }
  }
  return r;
}

}  // namespace headroom::calibration
