using Strata.Bench.Workloads;

namespace Strata.Bench;

/// <summary>Every workload the bench knows, in the order "all" runs them.</summary>
internal static class WorkloadRegistry
{
    public static readonly IReadOnlyList<IWorkload> All =
    [
        new SgdLoopWorkload(),
        new DenseTinyWorkload(),
        new AddSmallWorkload(),
        new MlpEpochWorkload(),
        new MlpEpochDatasetWorkload(),
        new CnnEpochWorkload(),
        new LstmStepWorkload(),
        new MlpEpochMpiWorkload("mlp-epoch-mpi2", perReplicaBatch: 32),
        new MlpEpochMpiWorkload("mlp-epoch-mpi2-b16", perReplicaBatch: 16),
        new PeakWorkload(),
        new MatMulWorkload(128),
        new MatMulWorkload(256),
        new MatMulWorkload(512),
        new MatMulWorkload(1024),
        new MatMulWorkload(2048),
        // A Dense(784 -> 128) layer on a batch of 32: forward, input gradient and weight gradient.
        new MatMulWorkload("matmul-32x784x128", m: 32, n: 128, k: 784),
        new MatMulWorkload("matmul-32x128x784t", m: 32, n: 784, k: 128, transB: true),
        new MatMulWorkload("matmul-784tx32x128", m: 784, n: 128, k: 32, transA: true),
        // The seed lab's first product: (1 x 2) · (2 x 3), where per-call overhead is everything.
        new MatMulWorkload("matmul-1x2x3", m: 1, n: 3, k: 2, perOpTime: true),
        // Conv2D layers: the Fashion-MNIST CNN's second layer, and a ResNet stage's 3x3 convolution.
        new ConvWorkload(backward: false, n: 32, h: 13, w: 13, c: 32, o: 64, k: 3, padding: "VALID"),
        new ConvWorkload(backward: false, n: 8, h: 56, w: 56, c: 64, o: 64, k: 3, padding: "SAME"),
        new ConvWorkload(backward: true, n: 32, h: 13, w: 13, c: 32, o: 64, k: 3, padding: "VALID"),
        new ConvWorkload(backward: true, n: 8, h: 56, w: 56, c: 64, o: 64, k: 3, padding: "SAME"),
        // samples/FashionMnistCnn's model in inference: Strata's Predict against its ONNX export in ONNX Runtime.
        new PredictCnnWorkload(batch: 1),
        new PredictCnnWorkload(batch: 256),
        new SoftplusWorkload(),
        new LogSumExpWorkload(),
        new AttentionBlockWorkload(),
    ];
}
