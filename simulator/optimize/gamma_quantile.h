#pragma once
// Quantiles of the gamma distribution, for the screening model's end-to-end percentile (a gamma matched to the
// mean and variance of the response time summed over the stations a request visits).
namespace headroom::optimize {

// Regularized lower incomplete gamma P(shape, x) for shape > 0, x >= 0.
double regularizedGammaP(double shape, double x);
// x with P(shape, x / scale) = p, for p in (0, 1), shape > 0, scale > 0.
double gammaQuantile(double p, double shape, double scale);

}  // namespace headroom::optimize
