"""The course's classification script (seeds/000, "区分类型(分类)"), copied as it is.

Only the three code blocks of the lesson are joined into one file; nothing else is changed.
bench/run_all.py runs it headless (MPLBACKEND=Agg) with its plt.pause(0.1) calls, which is what
a student waits for when running the course's script: the yardstick for the page's speed.
"""
import torch
import torch.nn.functional as F
import matplotlib.pyplot as plt

# make fake data
n_data = torch.ones(100, 2)  # 数据的基本形态
x0 = torch.normal(2 * n_data, 1)  # 类型0，x data (tensor)，shape=(100, 2)
y0 = torch.zeros(100)  # 类型0，y data (tensor)，shape=(100, 1)
x1 = torch.normal(-2 * n_data, 1)  # 类型1，x data (tensor)，shape=(100, 2)
y1 = torch.ones(100)  # 类型1，y data (tensor)，shape=(100, 1)

# 注意x和y的数据形式是一定要像下面一样(torch.cat是在合并数据)
# shape (200, 2) FloatTensor = 32-bit floating
x = torch.cat((x0, x1), 0).type(torch.FloatTensor)
# shape (200, 1) LongTensor = 64-bit integer
y = torch.cat((y0, y1), ).type(torch.LongTensor)


class Net(torch.nn.Module):
    def __init__(self, n_feature, n_hidden, n_output):
        super().__init__()
        self.hidden = torch.nn.Linear(n_feature, n_hidden)  # hidden layer
        self.out = torch.nn.Linear(n_hidden, n_output)  # output layer

    def forward(self, x):
        x = F.relu(self.hidden(x))  # activation function for hidden layer
        x = self.out(x)  # 输出值，但是这个不是预测值，预测值还需要再另外计算
        return x

net = Net(n_feature=2, n_hidden=10, n_output=2)  # define the network
print(net)  # net architecture

optimizer = torch.optim.SGD(net.parameters(), lr=0.02)
loss_func = torch.nn.CrossEntropyLoss()  # the target label is NOT an one-hotted

plt.ion()  # something about plotting

for t in range(100):
    out = net(x)  # 喂给net训练数据x，输出分析值
    # must be (1. nn output, 2. target), the target label is NOT one-hotted
    loss = loss_func(out, y)

    optimizer.zero_grad()  # clear gradients for next train
    loss.backward()  # backpropagation, compute gradients
    optimizer.step()  # apply gradients

    if t % 2 == 0:
        # plot and show learning process
        plt.cla()
        prediction = torch.max(out, 1)[1]
        pred_y = prediction.data.numpy().squeeze()
        target_y = y.data.numpy()
        plt.scatter(x.data.numpy()[:, 0], x.data.numpy()[:, 1], c=pred_y, s=100, lw=0, cmap='RdYlGn')
        accuracy = float((pred_y == target_y).astype(int).sum()) / float(target_y.size)
        plt.text(1.5, -4, f'Accuracy={accuracy:.2f}', fontdict={'size': 20, 'color': 'red'})
        plt.pause(0.1)

plt.ioff()
plt.show()
