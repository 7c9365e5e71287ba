"""Strings of "bring your own data": the data source panel (ui/data_source.py) on the
Classification and Regression pages, core/own_data.py's messages, and the digit canvas."""

STRINGS = {
    # ------------------------------------------------------------------------ source panel
    "own.source": {"en": "Points", "zh": "数据点"},
    "own.source.builtin": {"en": "Built-in", "zh": "内置数据"},
    "own.source.upload": {"en": "Upload CSV", "zh": "上传 CSV"},
    "own.source.draw": {"en": "Draw", "zh": "自己画"},
    "own.export": {"en": "Download these points (CSV)", "zh": "下载这些数据点（CSV）"},
    "own.not_in_link": {
        "en": "Your points stay in this browser session only: they are not in the page's link "
              "and are not stored on the server. The dataset settings in the sidebar are unused.",
        "zh": "你的数据点只保存在本次浏览器会话中：不在页面链接里，也不会存到服务器上。"
              "侧边栏里的数据集设置此时不起作用。",
    },
    "own.link_without_data": {
        "en": "This link was made with someone's own points, and points are never part of a "
              "link: upload or draw your own (the other settings came with the link).",
        "zh": "这个链接是用别人自己的数据点生成的，而数据点从不包含在链接中：请上传或画出你自己的"
              "数据（其余设置已随链接带来）。",
    },
    "own.nothing_yet": {"en": "no points yet: upload a file or draw some",
                        "zh": "还没有数据点：请上传文件或画几个点"},
    "own.upload": {"en": "A CSV file (comma, semicolon or tab)",
                   "zh": "CSV 文件（逗号、分号或制表符分隔）"},
    "own.upload_help": {
        "en": "UTF-8 (with or without BOM), a header row or none. At most {mb} MB and {rows} "
              "rows. Classification: two numeric feature columns and a label column (2 to 8 "
              "classes); regression: x and y.",
        "zh": "UTF-8 编码（有无 BOM 均可），可有可无表头。最大 {mb} MB、{rows} 行。分类：两列数值"
              "特征加一列标签（2 到 8 类）；回归：x 和 y 两列。",
    },
    "own.upload_how": {
        "en": "Press Upload or drop a file on the box (at most {mb} MB).",
        "zh": "点 “Upload”（上传）选择文件，或把文件拖到框里（最大 {mb} MB）。框里的英文由 "
              "Streamlit 固定，无法翻译。",
    },
    "own.needs.classification": {"en": "two features and a label", "zh": "两列特征和一列标签"},
    "own.needs.regression": {"en": "x and y", "zh": "x 和 y"},
    "own.standardize": {"en": "Standardize", "zh": "标准化"},
    "own.standardize_help": {
        "en": "Shift and scale each column to mean 0 and standard deviation 1 (before the "
              "train/test split). Helps when your numbers are large or far from 0.",
        "zh": "把每一列平移缩放为均值 0、标准差 1（在划分训练/测试集之前）。数值很大或远离 0 时有用。",
    },
    "own.label_column": {"en": "Label column", "zh": "标签列"},
    "own.feature_columns": {"en": "Feature columns (two)", "zh": "特征列（两列）"},
    "own.x_column": {"en": "x column", "zh": "x 列"},
    "own.y_column": {"en": "y column", "zh": "y 列"},
    "own.read_classes": {
        "en": "Read {points} points of {classes} classes ({names}) from {file}.",
        "zh": "从 {file} 读入 {points} 个点，共 {classes} 类（{names}）。",
    },
    "own.read_points": {"en": "Read {points} points from {file}.",
                        "zh": "从 {file} 读入 {points} 个点。"},
    "own.notice.no_header": {
        "en": "The first line holds numbers, so it was read as data: the columns are named "
              "column 1, column 2, …",
        "zh": "第一行是数字，因此被当作数据读入：各列命名为 column 1、column 2……",
    },
    "own.standardized": {"en": "Standardized (mean ± standard deviation before): {detail}",
                         "zh": "已标准化（标准化前的均值 ± 标准差）：{detail}"},
    "own.draw_help.classification": {
        "en": "Click on the plane to add a point of the chosen class; click on a point to "
              "remove it.",
        "zh": "在平面上点击，添加所选类别的点；点击已有的点可将其删除。",
    },
    "own.draw_help.regression": {
        "en": "Click on the plane to add a point; click on a point to remove it.",
        "zh": "在平面上点击添加一个点；点击已有的点可将其删除。",
    },
    "own.draw_class": {"en": "Class of new points", "zh": "新点的类别"},
    "own.class_n": {"en": "class {n}", "zh": "第 {n} 类"},
    "own.undo": {"en": "Undo", "zh": "撤销"},
    "own.clear": {"en": "Clear", "zh": "清空"},
    "own.start_builtin": {"en": "Start from the built-in dataset", "zh": "从内置数据集开始"},
    "own.drawn_count": {"en": "{n} points drawn", "zh": "已画 {n} 个点"},
    "own.code_data": {
        "en": "The script reads your points from {file}: download it too and keep both files "
              "in one folder.",
        "zh": "脚本从 {file} 读取你的数据点：请一并下载，并把两个文件放在同一文件夹中。",
    },
    "own.download_data": {"en": "Download the data file (CSV)", "zh": "下载数据文件（CSV）"},
    # ------------------------------------------------------ core/own_data.py's error codes
    "own.error.empty": {"en": "The file is empty.", "zh": "文件是空的。"},
    "own.error.too_big": {"en": "The file is {size_mb} MB; the limit is {limit_mb} MB.",
                          "zh": "文件大小为 {size_mb} MB，上限是 {limit_mb} MB。"},
    "own.error.binary": {"en": "This is {what}, not a CSV text file.",
                         "zh": "这是{what}，不是 CSV 文本文件。"},
    "own.error.utf16": {"en": "The file is UTF-16 text: save it as 'CSV UTF-8'.",
                        "zh": "文件是 UTF-16 文本：请另存为“CSV UTF-8”。"},
    "own.error.encoding": {
        "en": "Line {line} is not UTF-8 text (byte {byte}): the file mixes encodings or is not "
              "UTF-8. Save it as 'CSV UTF-8'.",
        "zh": "第 {line} 行不是 UTF-8 文本（字节 {byte}）：文件混用了编码或不是 UTF-8。"
              "请另存为“CSV UTF-8”。",
    },
    "own.error.unreadable": {"en": "The table cannot be read: {detail}",
                             "zh": "无法读取表格：{detail}"},
    "own.error.too_many_rows": {
        "en": "The file has {rows} rows; the limit is {limit}. Take a sample, e.g. pandas' "
              "DataFrame.sample({limit}).",
        "zh": "文件有 {rows} 行，上限是 {limit} 行。请先抽样，例如用 pandas 的 "
              "DataFrame.sample({limit})。",
    },
    "own.error.too_few_points": {"en": "Only {points} points; at least {minimum} are needed.",
                                 "zh": "只有 {points} 个点，至少需要 {minimum} 个。"},
    "own.error.too_few_columns": {
        "en": "Found {found} column(s); {needed} are needed ({what}). Separate the columns "
              "with a comma, semicolon or tab.",
        "zh": "只找到 {found} 列，需要 {needed} 列（{what}）。请用逗号、分号或制表符分隔各列。",
    },
    "own.error.no_column": {"en": "No column named {name!r} (columns: {columns}).",
                            "zh": "没有名为 {name!r} 的列（现有列：{columns}）。"},
    "own.error.same_column": {"en": "Column {name!r} is chosen twice.",
                              "zh": "列 {name!r} 被选了两次。"},
    "own.error.wrong_count": {"en": "Choose {needed} feature column(s) (now: {got}).",
                              "zh": "请选择 {needed} 列特征（当前：{got} 列）。"},
    "own.error.not_numeric": {"en": "Column {column!r}, data row {row}: {value!r} is not a number.",
                              "zh": "列 {column!r} 第 {row} 行数据：{value!r} 不是数字。"},
    "own.error.missing": {"en": "Column {column!r}, data row {row} is empty or NaN.",
                          "zh": "列 {column!r} 第 {row} 行数据为空或 NaN。"},
    "own.error.truncated": {
        "en": "The last line looks cut off: column {column!r} of data row {row} is missing.",
        "zh": "最后一行似乎被截断了：第 {row} 行数据缺少列 {column!r}。",
    },
    "own.error.not_finite": {"en": "Column {column!r}, data row {row}: {value} is not a finite "
                                   "number.",
                             "zh": "列 {column!r} 第 {row} 行数据：{value} 不是有限的数。"},
    "own.error.one_class": {
        "en": "Every point has the label {label!r}: classification needs {minimum} to "
              "{maximum} classes.",
        "zh": "所有点的标签都是 {label!r}：分类需要 {minimum} 到 {maximum} 个类别。",
    },
    "own.error.too_many_classes": {
        "en": "The label column {column!r} has {found} different values; classification takes "
              "{minimum} to {maximum} classes (a numeric target belongs on the Regression page).",
        "zh": "标签列 {column!r} 有 {found} 种不同的值；分类只支持 {minimum} 到 {maximum} 个类别"
              "（数值型目标请用回归页面）。",
    },
    "own.error.identical": {"en": "All {points} points are at the same place: nothing to "
                                  "separate or fit.",
                            "zh": "全部 {points} 个点都在同一位置：没有什么可分开或拟合的。"},
    "own.error.constant_x": {"en": "Every point has the same x ({value}): a curve cannot be "
                                   "fitted.",
                             "zh": "所有点的 x 都相同（{value}）：无法拟合曲线。"},
    # ------------------------------------------------------------------- the digit canvas
    "digit.title": {"en": "Draw a digit", "zh": "画一个数字"},
    "digit.draw_help": {
        "en": "Draw one digit with the mouse (or a finger), large and in the middle or anywhere: "
              "it is boxed into 20x20 and centred by its centre of mass in 28x28, the way MNIST "
              "digits were made.",
        "zh": "用鼠标（或手指）画一个数字，大小、位置随意：它会像 MNIST 数字那样被缩放进 20x20 的框，"
              "并按重心居中放入 28x28。",
    },
    "digit.clear": {"en": "Clear the drawing", "zh": "清除画布"},
    "digit.empty": {"en": "Draw a digit on the black square.", "zh": "请在黑色方框里画一个数字。"},
    "digit.seen": {"en": "what the network sees (28x28)", "zh": "网络看到的样子（28x28）"},
    "digit.top_filters": {
        "en": "The {n} first-layer filters that respond most to your digit (largest mean "
              "activation): each filter above, its feature map below.",
        "zh": "对你的数字响应最强的 {n} 个第一层卷积核（平均激活最大）：上为卷积核，下为其特征图。",
    },
    "digit.filter": {"en": "filter {n}", "zh": "卷积核 {n}"},
    "digit.response": {"en": "mean {mean:.3f}", "zh": "均值 {mean:.3f}"},
}
