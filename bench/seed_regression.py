"""The course's regression script (seeds/000, "关系拟合(回归)"), copied as it is.

Only the three code blocks of the lesson are joined into one file; nothing else is changed.
Run headless (MPLBACKEND=Agg) with its plt.pause(0.1) calls by bench/run_all.py.
"""
import torch
import torch.nn.functional as F
import matplotlib.pyplot as plt

# x data (tensor)，shape=(100, 1)
x = torch.unsqueeze(torch.linspace(-1, 1, 100), dim=1)
# noisy y data (tensor)，shape=(100, 1)
y = x.pow(2) + 0.2 * torch.rand(x.size())


class Net(torch.nn.Module):  # 继承torch的Module
    def __init__(self, n_feature, n_hidden, n_output):
        super().__init__()  # 继承“__init__”功能
        self.hidden = torch.nn.Linear(n_feature, n_hidden)  # 隐藏层线性输出
        self.predict = torch.nn.Linear(n_hidden, n_output)  # 输出层线性输出

    def forward(self, x):  # 这同时也是Module中的forward功能
        # 正向传播输入值，神经网络分析出输出值
        x = F.relu(self.hidden(x))  # 激励函数
        x = self.predict(x)  # 输出值
        return x

net = Net(n_feature=1, n_hidden=10, n_output=1)  # define the network
print(net)  # 打印net的结构

# 传入net的所有参数以及学习率
optimizer = torch.optim.SGD(net.parameters(), lr=0.2)
loss_func = torch.nn.MSELoss()  # 预测值和真实值的误差计算公式(均方差)

plt.ion()

for t in range(200):
    prediction = net(x)  # 喂给net训练数据x，输出预测值
    loss = loss_func(prediction, y)  # 计算两者的误差

    optimizer.zero_grad()  # 清空上一步的残余更新参数值
    loss.backward()  # 误差反向传播，计算参数更新值
    optimizer.step()  # 将参数更新值施加到net的parameters上

    if t % 5 == 0:
        # plot and show learning process
        plt.cla()
        plt.scatter(x.data.numpy(), y.data.numpy())
        plt.plot(x.data.numpy(), prediction.data.numpy(), 'r-', lw=5)
        plt.text(0.5, 0, f'Loss={loss.data.numpy():.4f}',
                 fontdict={'size': 20, 'color': 'red'})
        plt.pause(0.1)

plt.ioff()
plt.show()
