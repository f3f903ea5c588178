#pragma once
// Non-negative least squares, min ||A x - b||^2 subject to x >= 0 (Lawson & Hanson 1974, active set).
// Small dense problems (a handful of columns): every column a request class or a background term.
#include <Eigen/Dense>

namespace headroom::calibration {

struct NnlsResult {
  Eigen::VectorXd x;
  bool converged = false;
  int iterations = 0;
};

NnlsResult solveNnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b, int max_iterations = 0);

}  // namespace headroom::calibration
