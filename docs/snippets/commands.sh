# The shell commands of the docs guides, one tagged block each, included into the markdown by DocFX
# ([!code-bash[](../snippets/commands.sh#tag)]); scripts/ci-docs.sh checks this file's syntax and that every project,
# sample and script it names exists. Not a script to run.
exit 0

# <clone-and-run>
dotnet run --project samples/Lab1     # MIT's Lab 1 (Part 1), ported: prints each section and its checks
dotnet test                           # the test suite
# </clone-and-run>

# <project-reference>
dotnet new console -o MyFirstModel && cd MyFirstModel
dotnet add reference ../strata/src/Strata/Strata.csproj ../strata/src/Strata.Keras/Strata.Keras.csproj
# </project-reference>

# <packages>
# In the Strata checkout: the packages into a local folder …
for p in Strata Strata.Keras Strata.Datasets Strata.Plot; do dotnet pack src/$p -c Release -o ~/strata-packages; done
# … and in your project, from that folder:
dotnet add package Strata.Keras --version 0.1.0 --source ~/strata-packages
# </packages>

# <run-release>
dotnet run -c Release
# </run-release>

# <lab1>
dotnet run --project samples/Lab1     # the project
dotnet run samples/labs/lab1.cs       # the same program as a .NET 10 file-based app
# </lab1>

# <other-labs>
scripts/install-mnist.sh                                            # MNIST from ../shared/datasets/mnist, MD5-checked
dotnet run -c Release --project samples/Lab2Mnist                   # Lab 2 Part 1: dense model, CNN, the tape loop
dotnet run samples/labs/lab2.cs -- --quick                          # the same, 1 epoch on 4,000 images
dotnet run -c Release --project samples/Lab1Music -- --iterations 3000   # Lab 1 Part 2: the LSTM on Irish folk tunes
# </other-labs>

# <fashion-mnist-data>
scripts/install-fashion-mnist.sh          # or: sudo apt-get update && sudo apt-get install -y dataset-fashion-mnist
# </fashion-mnist-data>

# <fashion-mnist-run>
dotnet run -c Release --project samples/FashionMnist               # the tutorial's 10 epochs
dotnet run -c Release --project samples/FashionMnist -- --epochs 1 # a quick run
dotnet run -c Release --project samples/FashionMnistCnn            # the convolutional network, 5 epochs
# </fashion-mnist-run>

# <fashion-mnist-check>
scripts/ci-fashion-mnist-check.sh
# </fashion-mnist-check>

# <keras-interop>
dotnet run -c Release --project samples/KerasInterop -- model.keras --export-onnx model.onnx
# </keras-interop>

# <aot>
bash scripts/install-aot-deps.sh          # clang, lld, zlib1g-dev from Debian
dotnet publish samples/Lab1 -c Release -r linux-x64 -p:PublishAot=true -o out/lab1-aot && out/lab1-aot/Lab1
# </aot>

# <isa>
DOTNET_EnableAVX512=0 dotnet run -c Release --project samples/FashionMnist     # AVX2 kernels
DOTNET_EnableAVX2=0 dotnet run -c Release --project samples/FashionMnist       # SSE (128-bit) kernels
# </isa>

# <bench>
dotnet run -c Release --project bench/Strata.Bench -- mlp-epoch cnn-epoch --threads 2
# </bench>

# <mpi>
bash scripts/install-mpi.sh                                                   # Open MPI (and MPICH) from Debian
mpirun -np 2 dotnet run -c Release --project samples/DistributedFashionMnist
# </mpi>

# <docs-site>
scripts/ci-docs.sh                                   # the snippets, their outputs, and the site (out/docs-site)
dotnet docfx serve out/docs-site                     # browse it at http://localhost:8080
# </docs-site>
