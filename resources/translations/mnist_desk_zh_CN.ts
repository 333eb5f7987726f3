<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../mnist_desk/ui/app.py" line="51"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/app.py" line="53"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/app.py" line="56"/>
        <source>Something went wrong: {0}

The window keeps working; details below.</source>
        <translation>出了点问题：{0}

窗口仍可继续使用；详情见下方。</translation>
    </message>
</context>
<context>
    <name>DigitPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="89"/>
        <source>First digit</source>
        <translation>第一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="89"/>
        <source>Second digit</source>
        <translation>第二个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="90"/>
        <source>Open image…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="92"/>
        <source>Read a digit from an image file (or drop one on the box)</source>
        <translation>从图片文件读取数字（也可以把图片拖到方框里）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="94"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="95"/>
        <source>Draw a digit here
or drop an image</source>
        <translation>在这里写一个数字
或拖入一张图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="96"/>
        <source>Draw one digit with the mouse, a pen or a finger</source>
        <translation>用鼠标、手写笔或手指写一个数字</translation>
    </message>
</context>
<context>
    <name>DigitResultView</name>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="216"/>
        <source>{0} sure</source>
        <translation>把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="224"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="226"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="231"/>
        <source>Model input</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="232"/>
        <source>The 28×28 image the model sees, enlarged</source>
        <translation>模型看到的 28×28 图像（已放大）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="233"/>
        <source>Probability of each digit</source>
        <translation>每个数字的概率</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="314"/>
        <source>mnist-desk — draw two digits</source>
        <translation>mnist-desk — 写两个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="315"/>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="319"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="320"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="321"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="322"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="323"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="324"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="325"/>
        <source>&amp;Open Image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="327"/>
        <source>Read a digit from an image file into the selected box</source>
        <translation>从图片文件读取数字到选中的方框</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="329"/>
        <source>Open &amp;Model File…</source>
        <translation>打开模型文件(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="330"/>
        <source>&amp;Save Drawing as PNG…</source>
        <translation>将手写内容保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="331"/>
        <source>Save the selected box&apos;s drawing as a PNG image</source>
        <translation>把选中方框里的内容保存为 PNG 图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="332"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="333"/>
        <source>&amp;Undo Last Stroke</source>
        <translation>撤销上一笔(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="334"/>
        <source>&amp;Clear Selected Box</source>
        <translation>清除选中的方框(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="335"/>
        <source>Clear &amp;All</source>
        <translation>全部清除(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="336"/>
        <source>&amp;Thicker Pen</source>
        <translation>加粗笔画(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="337"/>
        <source>T&amp;hinner Pen</source>
        <translation>减细笔画(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="338"/>
        <source>Select &amp;First Box</source>
        <translation>选择第一个方框(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="339"/>
        <source>Select &amp;Second Box</source>
        <translation>选择第二个方框(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="340"/>
        <source>&amp;Refresh Model List</source>
        <translation>刷新模型列表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="341"/>
        <source>&amp;About mnist-desk</source>
        <translation>关于 mnist-desk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="342"/>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="345"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="346"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="347"/>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="348"/>
        <source>Clear both boxes (Esc)</source>
        <translation>清除两个方框（Esc）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="349"/>
        <source>Pen width, as a share of the box size ([ and ])</source>
        <translation>笔画粗细，占方框大小的比例（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="388"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="432"/>
        <source>Loading model {0}…</source>
        <translation>正在加载模型 {0}…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="443"/>
        <source>Cannot list the models</source>
        <translation>无法列出模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="451"/>
        <source>No trained model found. Train one in the Train tab, or run `make weights`.</source>
        <translation>没有找到训练好的模型。请在“训练”页训练一个，或运行 `make weights`。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="481"/>
        <source>Model {0} ready on {1}</source>
        <translation>模型 {0} 已在 {1} 上就绪</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="500"/>
        <location filename="../../mnist_desk/ui/main_window.py" line="518"/>
        <source>Cannot use this model</source>
        <translation>无法使用此模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="501"/>
        <source>The previous model is still in use.</source>
        <translation>仍在使用之前的模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="519"/>
        <source>No model could be loaded.</source>
        <translation>无法加载任何模型。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="523"/>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="545"/>
        <source>Recognition failed: {0}</source>
        <translation>识别失败：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="575"/>
        <source>Pen width: {0}%</source>
        <translation>笔画粗细：{0}%</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="591"/>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="608"/>
        <source>Cannot open the image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="611"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="618"/>
        <source>Open an image of a digit</source>
        <translation>打开一张数字图片</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="620"/>
        <source>Images ({0})</source>
        <translation>图片 ({0})</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="630"/>
        <source>Cannot save the drawing</source>
        <translation>无法保存手写内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="632"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="638"/>
        <source>Save the drawing</source>
        <translation>保存手写内容</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="640"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="650"/>
        <source>Open a model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="652"/>
        <source>mnist-desk checkpoints (*.pt)</source>
        <translation>mnist-desk 模型文件 (*.pt)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="696"/>
        <source>&lt;h3&gt;mnist-desk {0}&lt;/h3&gt;&lt;p&gt;Draw two handwritten digits and watch neural networks read them and their sum.&lt;/p&gt;&lt;p&gt;Trained on the &lt;b&gt;MNIST&lt;/b&gt; database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, licensed under &lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mnist-desk {0}&lt;/h3&gt;&lt;p&gt;手写两个数字，看神经网络识别它们以及它们的和。&lt;/p&gt;&lt;p&gt;模型基于 &lt;b&gt;MNIST&lt;/b&gt; 手写数字数据集训练，该数据集由 Yann LeCun、Corinna Cortes 和 Christopher J.C. Burges 创建，按 &lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt; 许可发布。&lt;/p&gt;&lt;p&gt;mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="708"/>
        <source>About mnist-desk</source>
        <translation>关于 mnist-desk</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="17"/>
        <source>Single-digit classifier</source>
        <translation>单个数字分类器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="18"/>
        <source>Transfer adder</source>
        <translation>迁移加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="19"/>
        <source>Scratch adder</source>
        <translation>从零训练的加法器</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="26"/>
        <source>ConvNet (BN, default)</source>
        <translation>ConvNet（BN，默认）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="27"/>
        <source>Reference CNN</source>
        <translation>参考 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="28"/>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="29"/>
        <source>Small ResNet</source>
        <translation>小型 ResNet</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="30"/>
        <source>Small ViT</source>
        <translation>小型 ViT</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="31"/>
        <source>MLP</source>
        <translation>多层感知机 (MLP)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="122"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="223"/>
        <source>No trained model for this task yet: train one in the Train tab</source>
        <translation>此任务还没有训练好的模型：请在“训练”页训练一个</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="244"/>
        <source>No trained model with this architecture yet</source>
        <translation>此网络结构还没有训练好的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="257"/>
        <source>No trained model</source>
        <translation>没有训练好的模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="266"/>
        <source>{0} (shipped)</source>
        <translation>{0}（内置）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="268"/>
        <source>{0} (yours)</source>
        <translation>{0}（你的）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="272"/>
        <source>{0} (shipped, test {1})</source>
        <translation>{0}（内置，测试准确率 {1}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="273"/>
        <source>{0} (yours, test {1})</source>
        <translation>{0}（你的，测试准确率 {1}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="284"/>
        <source>CUDA (unavailable)</source>
        <translation>CUDA（不可用）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="289"/>
        <source>CUDA is unavailable: {0}</source>
        <translation>CUDA 不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="303"/>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="304"/>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="305"/>
        <source>&amp;Weights:</source>
        <translation>权重(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="306"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="308"/>
        <source>What the model does: read one digit, or read the sum of two</source>
        <translation>模型做什么：识别一个数字，或识别两个数字之和</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="310"/>
        <source>The network architecture</source>
        <translation>神经网络结构</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="312"/>
        <source>Trained weights: shipped with the app, or trained by you</source>
        <translation>训练好的权重：随应用提供的，或你自己训练的</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_picker.py" line="314"/>
        <source>Where the model runs</source>
        <translation>模型在哪个设备上运行</translation>
    </message>
</context>
<context>
    <name>SumView</name>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="295"/>
        <source>Sum probabilities (0–18)</source>
        <translation>和的概率（0–18）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="297"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="308"/>
        <source>Draw a digit in each box</source>
        <translation>请在每个方框里各写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="310"/>
        <source>Draw a digit in the other box</source>
        <translation>请在另一个方框里写一个数字</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="315"/>
        <source>Sum read by the adder network: {0} sure</source>
        <translation>加法网络识别的和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="319"/>
        <source>(the digits read add up to {0})</source>
        <translation>（识别出的两个数字相加为 {0}）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="321"/>
        <source>Sum of the two digits: {0} sure</source>
        <translation>两个数字之和：把握 {0}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="326"/>
        <source>Adder&apos;s probabilities for sums 0–18</source>
        <translation>加法网络给出的和（0–18）的概率</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/prediction_view.py" line="328"/>
        <source>Sum probabilities (0–18), from the two digits</source>
        <translation>由两个数字得出的和（0–18）的概率</translation>
    </message>
</context>
</TS>
